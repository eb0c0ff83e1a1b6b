# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'stage_walk.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

class Ui_StageWalk(object):
    def setupUi(self, StageWalk):
        if not StageWalk.objectName():
            StageWalk.setObjectName(u"StageWalk")
        StageWalk.resize(1040, 760)
        self.walkLayout = QVBoxLayout(StageWalk)
        self.walkLayout.setSpacing(6)
        self.walkLayout.setObjectName(u"walkLayout")
        self.walkLayout.setContentsMargins(12, 10, 12, 8)
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.homeButton = QPushButton(StageWalk)
        self.homeButton.setObjectName(u"homeButton")

        self.headerRow.addWidget(self.homeButton)

        self.titleColumn = QVBoxLayout()
        self.titleColumn.setSpacing(0)
        self.titleColumn.setObjectName(u"titleColumn")
        self.title = QLabel(StageWalk)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.PlainText)
        self.title.setWordWrap(True)

        self.titleColumn.addWidget(self.title)

        self.subtitle = QLabel(StageWalk)
        self.subtitle.setObjectName(u"subtitle")
        self.subtitle.setTextFormat(Qt.PlainText)
        self.subtitle.setWordWrap(True)

        self.titleColumn.addWidget(self.subtitle)


        self.headerRow.addLayout(self.titleColumn)

        self.savedLabel = QLabel(StageWalk)
        self.savedLabel.setObjectName(u"savedLabel")
        self.savedLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.headerRow.addWidget(self.savedLabel)


        self.walkLayout.addLayout(self.headerRow)

        self.stepper = QWidget(StageWalk)
        self.stepper.setObjectName(u"stepper")

        self.walkLayout.addWidget(self.stepper)

        self.steps = QStackedWidget(StageWalk)
        self.steps.setObjectName(u"steps")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.steps.sizePolicy().hasHeightForWidth())
        self.steps.setSizePolicy(sizePolicy)

        self.walkLayout.addWidget(self.steps)

        self.footerRow = QHBoxLayout()
        self.footerRow.setObjectName(u"footerRow")
        self.backButton = QPushButton(StageWalk)
        self.backButton.setObjectName(u"backButton")

        self.footerRow.addWidget(self.backButton)

        self.positionLabel = QLabel(StageWalk)
        self.positionLabel.setObjectName(u"positionLabel")
        self.positionLabel.setAlignment(Qt.AlignCenter)

        self.footerRow.addWidget(self.positionLabel)

        self.nextButton = QPushButton(StageWalk)
        self.nextButton.setObjectName(u"nextButton")

        self.footerRow.addWidget(self.nextButton)


        self.walkLayout.addLayout(self.footerRow)


        self.retranslateUi(StageWalk)

        QMetaObject.connectSlotsByName(StageWalk)
    # setupUi

    def retranslateUi(self, StageWalk):
        self.homeButton.setText(QCoreApplication.translate("StageWalk", u"\u2039 &Home", None))
#if QT_CONFIG(accessibility)
        self.homeButton.setAccessibleName(QCoreApplication.translate("StageWalk", u"Back to Home", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.homeButton.setToolTip(QCoreApplication.translate("StageWalk", u"Back to Home (Esc). Everything you entered is already saved.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("StageWalk", u"Candidate and stage", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.savedLabel.setAccessibleName(QCoreApplication.translate("StageWalk", u"Save status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stepper.setAccessibleName(QCoreApplication.translate("StageWalk", u"Steps", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.steps.setAccessibleName(QCoreApplication.translate("StageWalk", u"Current step", None))
#endif // QT_CONFIG(accessibility)
        self.backButton.setText(QCoreApplication.translate("StageWalk", u"\u2039 &Back", None))
#if QT_CONFIG(accessibility)
        self.backButton.setAccessibleName(QCoreApplication.translate("StageWalk", u"Previous step", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.backButton.setToolTip(QCoreApplication.translate("StageWalk", u"Previous step (Ctrl+Page Up)", None))
#endif // QT_CONFIG(tooltip)
        self.nextButton.setText(QCoreApplication.translate("StageWalk", u"&Next \u203a", None))
#if QT_CONFIG(accessibility)
        self.nextButton.setAccessibleName(QCoreApplication.translate("StageWalk", u"Next step", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.nextButton.setToolTip(QCoreApplication.translate("StageWalk", u"Next step (Ctrl+Page Down)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi
