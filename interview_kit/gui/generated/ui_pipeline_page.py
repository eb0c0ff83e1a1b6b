# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'pipeline_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_PipelinePage(object):
    def setupUi(self, PipelinePage):
        if not PipelinePage.objectName():
            PipelinePage.setObjectName(u"PipelinePage")
        PipelinePage.resize(1100, 720)
        self.pageLayout = QVBoxLayout(PipelinePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(16, 12, 16, 8)
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.title = QLabel(PipelinePage)
        self.title.setObjectName(u"title")

        self.headerRow.addWidget(self.title)

        self.counts = QLabel(PipelinePage)
        self.counts.setObjectName(u"counts")
        self.counts.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.counts.sizePolicy().hasHeightForWidth())
        self.counts.setSizePolicy(sizePolicy)

        self.headerRow.addWidget(self.counts)

        self.addButton = QPushButton(PipelinePage)
        self.addButton.setObjectName(u"addButton")

        self.headerRow.addWidget(self.addButton)


        self.pageLayout.addLayout(self.headerRow)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.searchLabel = QLabel(PipelinePage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterRow.addWidget(self.searchLabel)

        self.search = QLineEdit(PipelinePage)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.search)

        self.stageLabel = QLabel(PipelinePage)
        self.stageLabel.setObjectName(u"stageLabel")

        self.filterRow.addWidget(self.stageLabel)

        self.stageFilter = QComboBox(PipelinePage)
        self.stageFilter.setObjectName(u"stageFilter")
        self.stageFilter.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.filterRow.addWidget(self.stageFilter)

        self.statusLabel = QLabel(PipelinePage)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterRow.addWidget(self.statusLabel)

        self.statusFilter = QComboBox(PipelinePage)
        self.statusFilter.setObjectName(u"statusFilter")
        self.statusFilter.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.filterRow.addWidget(self.statusFilter)


        self.pageLayout.addLayout(self.filterRow)

        self.banner = QLabel(PipelinePage)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.pageLayout.addWidget(self.banner)

        self.table = QTableView(PipelinePage)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)

        self.pageLayout.addWidget(self.table)

        self.selectionInfo = QLabel(PipelinePage)
        self.selectionInfo.setObjectName(u"selectionInfo")
        self.selectionInfo.setWordWrap(True)

        self.pageLayout.addWidget(self.selectionInfo)

        self.actionRow = QHBoxLayout()
        self.actionRow.setObjectName(u"actionRow")
        self.editButton = QPushButton(PipelinePage)
        self.editButton.setObjectName(u"editButton")

        self.actionRow.addWidget(self.editButton)

        self.advanceButton = QPushButton(PipelinePage)
        self.advanceButton.setObjectName(u"advanceButton")

        self.actionRow.addWidget(self.advanceButton)

        self.rejectButton = QPushButton(PipelinePage)
        self.rejectButton.setObjectName(u"rejectButton")

        self.actionRow.addWidget(self.rejectButton)

        self.withdrawButton = QPushButton(PipelinePage)
        self.withdrawButton.setObjectName(u"withdrawButton")

        self.actionRow.addWidget(self.withdrawButton)

        self.assignButton = QPushButton(PipelinePage)
        self.assignButton.setObjectName(u"assignButton")

        self.actionRow.addWidget(self.assignButton)

        self.reviewButton = QPushButton(PipelinePage)
        self.reviewButton.setObjectName(u"reviewButton")

        self.actionRow.addWidget(self.reviewButton)

        self.packetsButton = QPushButton(PipelinePage)
        self.packetsButton.setObjectName(u"packetsButton")

        self.actionRow.addWidget(self.packetsButton)

        self.actionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionRow.addItem(self.actionSpacer)

        self.eraseButton = QPushButton(PipelinePage)
        self.eraseButton.setObjectName(u"eraseButton")

        self.actionRow.addWidget(self.eraseButton)


        self.pageLayout.addLayout(self.actionRow)

        self.pageLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.search)
        self.stageLabel.setBuddy(self.stageFilter)
        self.statusLabel.setBuddy(self.statusFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.search, self.stageFilter)
        QWidget.setTabOrder(self.stageFilter, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.table)
        QWidget.setTabOrder(self.table, self.editButton)
        QWidget.setTabOrder(self.editButton, self.advanceButton)
        QWidget.setTabOrder(self.advanceButton, self.rejectButton)
        QWidget.setTabOrder(self.rejectButton, self.withdrawButton)
        QWidget.setTabOrder(self.withdrawButton, self.assignButton)
        QWidget.setTabOrder(self.assignButton, self.reviewButton)
        QWidget.setTabOrder(self.reviewButton, self.packetsButton)
        QWidget.setTabOrder(self.packetsButton, self.eraseButton)
        QWidget.setTabOrder(self.eraseButton, self.addButton)

        self.retranslateUi(PipelinePage)

        QMetaObject.connectSlotsByName(PipelinePage)
    # setupUi

    def retranslateUi(self, PipelinePage):
        self.title.setText(QCoreApplication.translate("PipelinePage", u"Pipeline", None))
#if QT_CONFIG(accessibility)
        self.counts.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Candidates per status", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("PipelinePage", u"&Add candidate\u2026", None))
#if QT_CONFIG(accessibility)
        self.addButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Add a candidate", None))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(QCoreApplication.translate("PipelinePage", u"&Search:", None))
#if QT_CONFIG(accessibility)
        self.search.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Search candidates by name or e-mail", None))
#endif // QT_CONFIG(accessibility)
        self.search.setPlaceholderText(QCoreApplication.translate("PipelinePage", u"Name or e-mail", None))
        self.stageLabel.setText(QCoreApplication.translate("PipelinePage", u"S&tage:", None))
#if QT_CONFIG(accessibility)
        self.stageFilter.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Filter by stage", None))
#endif // QT_CONFIG(accessibility)
        self.statusLabel.setText(QCoreApplication.translate("PipelinePage", u"Stat&us:", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Filter by status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Pipeline message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Candidates in the pipeline", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.selectionInfo.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.editButton.setText(QCoreApplication.translate("PipelinePage", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Edit the selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.advanceButton.setText(QCoreApplication.translate("PipelinePage", u"Ad&vance\u2026", None))
#if QT_CONFIG(accessibility)
        self.advanceButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Advance the selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.rejectButton.setText(QCoreApplication.translate("PipelinePage", u"&Reject\u2026", None))
#if QT_CONFIG(accessibility)
        self.rejectButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Reject the selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.withdrawButton.setText(QCoreApplication.translate("PipelinePage", u"&Withdrawn\u2026", None))
#if QT_CONFIG(accessibility)
        self.withdrawButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Mark the selected candidate as withdrawn", None))
#endif // QT_CONFIG(accessibility)
        self.assignButton.setText(QCoreApplication.translate("PipelinePage", u"Assi&gn interviewers", None))
#if QT_CONFIG(accessibility)
        self.assignButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Assign interviewers to the selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.reviewButton.setText(QCoreApplication.translate("PipelinePage", u"&Panel review", None))
#if QT_CONFIG(accessibility)
        self.reviewButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Open the committee's panel review of the selected candidate", None))
#endif // QT_CONFIG(accessibility)
        self.packetsButton.setText(QCoreApplication.translate("PipelinePage", u"&Hiring packets\u2026", None))
#if QT_CONFIG(accessibility)
        self.packetsButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Write the hiring packets of the selected candidates", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.packetsButton.setToolTip(QCoreApplication.translate("PipelinePage", u"One PDF per selected candidate, optionally anonymised for blind review (Ctrl+P)", None))
#endif // QT_CONFIG(tooltip)
        self.eraseButton.setText(QCoreApplication.translate("PipelinePage", u"Erase personal data\u2026", None))
#if QT_CONFIG(accessibility)
        self.eraseButton.setAccessibleName(QCoreApplication.translate("PipelinePage", u"Erase the selected candidate's personal data", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
