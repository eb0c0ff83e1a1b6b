# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'insights_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_InsightsPage(object):
    def setupUi(self, InsightsPage):
        if not InsightsPage.objectName():
            InsightsPage.setObjectName(u"InsightsPage")
        InsightsPage.resize(1000, 720)
        self.pageLayout = QVBoxLayout(InsightsPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(16, 12, 16, 8)
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.title = QLabel(InsightsPage)
        self.title.setObjectName(u"title")

        self.headerRow.addWidget(self.title)

        self.status = QLabel(InsightsPage)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.status.sizePolicy().hasHeightForWidth())
        self.status.setSizePolicy(sizePolicy)

        self.headerRow.addWidget(self.status)

        self.refreshButton = QPushButton(InsightsPage)
        self.refreshButton.setObjectName(u"refreshButton")

        self.headerRow.addWidget(self.refreshButton)


        self.pageLayout.addLayout(self.headerRow)

        self.scroll = QScrollArea(InsightsPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.content = QWidget()
        self.content.setObjectName(u"content")
        self.contentLayout = QVBoxLayout(self.content)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(0, 0, 6, 0)
        self.funnelTitle = QLabel(self.content)
        self.funnelTitle.setObjectName(u"funnelTitle")

        self.contentLayout.addWidget(self.funnelTitle)

        self.funnelNote = QLabel(self.content)
        self.funnelNote.setObjectName(u"funnelNote")
        self.funnelNote.setWordWrap(True)

        self.contentLayout.addWidget(self.funnelNote)

        self.funnelHolder = QWidget(self.content)
        self.funnelHolder.setObjectName(u"funnelHolder")
        self.funnelLayout = QVBoxLayout(self.funnelHolder)
        self.funnelLayout.setObjectName(u"funnelLayout")
        self.funnelLayout.setContentsMargins(0, 0, 0, 0)

        self.contentLayout.addWidget(self.funnelHolder)

        self.daysTitle = QLabel(self.content)
        self.daysTitle.setObjectName(u"daysTitle")

        self.contentLayout.addWidget(self.daysTitle)

        self.daysNote = QLabel(self.content)
        self.daysNote.setObjectName(u"daysNote")
        self.daysNote.setWordWrap(True)

        self.contentLayout.addWidget(self.daysNote)

        self.daysHolder = QWidget(self.content)
        self.daysHolder.setObjectName(u"daysHolder")
        self.daysLayout = QVBoxLayout(self.daysHolder)
        self.daysLayout.setObjectName(u"daysLayout")
        self.daysLayout.setContentsMargins(0, 0, 0, 0)

        self.contentLayout.addWidget(self.daysHolder)

        self.calibrationTitle = QLabel(self.content)
        self.calibrationTitle.setObjectName(u"calibrationTitle")

        self.contentLayout.addWidget(self.calibrationTitle)

        self.calibrationNote = QLabel(self.content)
        self.calibrationNote.setObjectName(u"calibrationNote")
        self.calibrationNote.setWordWrap(True)

        self.contentLayout.addWidget(self.calibrationNote)

        self.calibrationHolder = QWidget(self.content)
        self.calibrationHolder.setObjectName(u"calibrationHolder")
        self.calibrationLayout = QVBoxLayout(self.calibrationHolder)
        self.calibrationLayout.setObjectName(u"calibrationLayout")
        self.calibrationLayout.setContentsMargins(0, 0, 0, 0)

        self.contentLayout.addWidget(self.calibrationHolder)

        self.contentBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contentLayout.addItem(self.contentBottom)

        self.scroll.setWidget(self.content)

        self.pageLayout.addWidget(self.scroll)

        self.pageLayout.setStretch(1, 1)
        QWidget.setTabOrder(self.refreshButton, self.scroll)

        self.retranslateUi(InsightsPage)

        QMetaObject.connectSlotsByName(InsightsPage)
    # setupUi

    def retranslateUi(self, InsightsPage):
        self.title.setText(QCoreApplication.translate("InsightsPage", u"Insights", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("InsightsPage", u"Insights status", None))
#endif // QT_CONFIG(accessibility)
        self.refreshButton.setText(QCoreApplication.translate("InsightsPage", u"&Refresh", None))
#if QT_CONFIG(accessibility)
        self.refreshButton.setAccessibleName(QCoreApplication.translate("InsightsPage", u"Compute the insights again", None))
#endif // QT_CONFIG(accessibility)
        self.funnelTitle.setText(QCoreApplication.translate("InsightsPage", u"Pipeline funnel", None))
        self.funnelNote.setText(QCoreApplication.translate("InsightsPage", u"Candidates who reached each stage.", None))
        self.daysTitle.setText(QCoreApplication.translate("InsightsPage", u"Median days in stage", None))
        self.daysNote.setText(QCoreApplication.translate("InsightsPage", u"From entering a stage to its last submitted scorecard, for candidates who passed it.", None))
        self.calibrationTitle.setText(QCoreApplication.translate("InsightsPage", u"Interviewer calibration", None))
        self.calibrationNote.setText(QCoreApplication.translate("InsightsPage", u"Mean of an interviewer's rating minus the other interviewers' mean, on the same candidate and criterion. Right of the line: rates more leniently than the panel; left: more harshly. Hatched bars rest on few comparisons.", None))
        pass
    # retranslateUi
