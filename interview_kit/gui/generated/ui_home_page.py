# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'home_page.ui'
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
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_HomePage(object):
    def setupUi(self, HomePage):
        if not HomePage.objectName():
            HomePage.setObjectName(u"HomePage")
        HomePage.resize(1000, 720)
        self.pageLayout = QVBoxLayout(HomePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.states = QStackedWidget(HomePage)
        self.states.setObjectName(u"states")
        self.welcomePage = QWidget()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.welcomeLayout.setContentsMargins(48, -1, 48, -1)
        self.welcomeTop = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeTop)

        self.welcomeTitle = QLabel(self.welcomePage)
        self.welcomeTitle.setObjectName(u"welcomeTitle")
        self.welcomeTitle.setAlignment(Qt.AlignCenter)
        self.welcomeTitle.setWordWrap(True)

        self.welcomeLayout.addWidget(self.welcomeTitle)

        self.welcomeText = QLabel(self.welcomePage)
        self.welcomeText.setObjectName(u"welcomeText")
        self.welcomeText.setAlignment(Qt.AlignCenter)
        self.welcomeText.setWordWrap(True)

        self.welcomeLayout.addWidget(self.welcomeText)

        self.welcomeButtonRow = QHBoxLayout()
        self.welcomeButtonRow.setObjectName(u"welcomeButtonRow")
        self.welcomeButtonLeft = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcomeButtonRow.addItem(self.welcomeButtonLeft)

        self.loadDemoButton = QPushButton(self.welcomePage)
        self.loadDemoButton.setObjectName(u"loadDemoButton")
        self.loadDemoButton.setMinimumSize(QSize(280, 56))

        self.welcomeButtonRow.addWidget(self.loadDemoButton)

        self.welcomeButtonRight = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcomeButtonRow.addItem(self.welcomeButtonRight)


        self.welcomeLayout.addLayout(self.welcomeButtonRow)

        self.welcomeStatus = QLabel(self.welcomePage)
        self.welcomeStatus.setObjectName(u"welcomeStatus")
        self.welcomeStatus.setAlignment(Qt.AlignCenter)
        self.welcomeStatus.setWordWrap(True)

        self.welcomeLayout.addWidget(self.welcomeStatus)

        self.welcomeBottom = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeBottom)

        self.states.addWidget(self.welcomePage)
        self.contentPage = QWidget()
        self.contentPage.setObjectName(u"contentPage")
        self.contentLayout = QVBoxLayout(self.contentPage)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(16, 12, 16, 8)
        self.splitter = QSplitter(self.contentPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.mineBox = QWidget(self.splitter)
        self.mineBox.setObjectName(u"mineBox")
        self.mineLayout = QVBoxLayout(self.mineBox)
        self.mineLayout.setObjectName(u"mineLayout")
        self.mineLayout.setContentsMargins(0, 0, 0, 8)
        self.mineTitle = QLabel(self.mineBox)
        self.mineTitle.setObjectName(u"mineTitle")

        self.mineLayout.addWidget(self.mineTitle)

        self.mineHint = QLabel(self.mineBox)
        self.mineHint.setObjectName(u"mineHint")
        self.mineHint.setWordWrap(True)

        self.mineLayout.addWidget(self.mineHint)

        self.myInterviews = QTableView(self.mineBox)
        self.myInterviews.setObjectName(u"myInterviews")
        self.myInterviews.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.myInterviews.setAlternatingRowColors(True)
        self.myInterviews.setSelectionMode(QAbstractItemView.SingleSelection)
        self.myInterviews.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.myInterviews.setSortingEnabled(True)
        self.myInterviews.setWordWrap(False)

        self.mineLayout.addWidget(self.myInterviews)

        self.splitter.addWidget(self.mineBox)
        self.allBox = QWidget(self.splitter)
        self.allBox.setObjectName(u"allBox")
        self.allLayout = QVBoxLayout(self.allBox)
        self.allLayout.setObjectName(u"allLayout")
        self.allLayout.setContentsMargins(0, 8, 0, 0)
        self.allTitle = QLabel(self.allBox)
        self.allTitle.setObjectName(u"allTitle")

        self.allLayout.addWidget(self.allTitle)

        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchLabel = QLabel(self.allBox)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchRow.addWidget(self.searchLabel)

        self.search = QLineEdit(self.allBox)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.search)

        self.candidateCount = QLabel(self.allBox)
        self.candidateCount.setObjectName(u"candidateCount")

        self.searchRow.addWidget(self.candidateCount)

        self.stageLabel = QLabel(self.allBox)
        self.stageLabel.setObjectName(u"stageLabel")

        self.searchRow.addWidget(self.stageLabel)

        self.stageChoice = QComboBox(self.allBox)
        self.stageChoice.setObjectName(u"stageChoice")
        self.stageChoice.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.searchRow.addWidget(self.stageChoice)

        self.openButton = QPushButton(self.allBox)
        self.openButton.setObjectName(u"openButton")

        self.searchRow.addWidget(self.openButton)


        self.allLayout.addLayout(self.searchRow)

        self.candidates = QTableView(self.allBox)
        self.candidates.setObjectName(u"candidates")
        self.candidates.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidates.setAlternatingRowColors(True)
        self.candidates.setSelectionMode(QAbstractItemView.SingleSelection)
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidates.setSortingEnabled(True)
        self.candidates.setWordWrap(False)

        self.allLayout.addWidget(self.candidates)

        self.splitter.addWidget(self.allBox)

        self.contentLayout.addWidget(self.splitter)

        self.states.addWidget(self.contentPage)

        self.pageLayout.addWidget(self.states)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.search)
        self.stageLabel.setBuddy(self.stageChoice)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.loadDemoButton, self.myInterviews)
        QWidget.setTabOrder(self.myInterviews, self.search)
        QWidget.setTabOrder(self.search, self.candidates)
        QWidget.setTabOrder(self.candidates, self.stageChoice)
        QWidget.setTabOrder(self.stageChoice, self.openButton)

        self.retranslateUi(HomePage)

        self.loadDemoButton.setDefault(True)


        QMetaObject.connectSlotsByName(HomePage)
    # setupUi

    def retranslateUi(self, HomePage):
        self.welcomeTitle.setText(QCoreApplication.translate("HomePage", u"Welcome to Interview Kit", None))
        self.welcomeText.setText(QCoreApplication.translate("HomePage", u"This database has no candidates yet. Load the demo panel to explore the app with a dozen candidates, four interviewers and their scorecards, or import the panel pack your recruiter sent you (File \u2192 Import).", None))
#if QT_CONFIG(accessibility)
        self.loadDemoButton.setAccessibleName(QCoreApplication.translate("HomePage", u"Load demo data", None))
#endif // QT_CONFIG(accessibility)
        self.loadDemoButton.setText(QCoreApplication.translate("HomePage", u"&Load demo data", None))
#if QT_CONFIG(accessibility)
        self.welcomeStatus.setAccessibleName(QCoreApplication.translate("HomePage", u"Demo data status", None))
#endif // QT_CONFIG(accessibility)
        self.mineTitle.setText(QCoreApplication.translate("HomePage", u"My interviews", None))
        self.mineHint.setText(QCoreApplication.translate("HomePage", u"The stages you interview. Double-click a row or press Enter to open its stage walk.", None))
#if QT_CONFIG(accessibility)
        self.myInterviews.setAccessibleName(QCoreApplication.translate("HomePage", u"My interviews", None))
#endif // QT_CONFIG(accessibility)
        self.allTitle.setText(QCoreApplication.translate("HomePage", u"All candidates", None))
        self.searchLabel.setText(QCoreApplication.translate("HomePage", u"&Search", None))
#if QT_CONFIG(accessibility)
        self.search.setAccessibleName(QCoreApplication.translate("HomePage", u"Search candidates", None))
#endif // QT_CONFIG(accessibility)
        self.search.setPlaceholderText(QCoreApplication.translate("HomePage", u"Name or email", None))
#if QT_CONFIG(accessibility)
        self.candidateCount.setAccessibleName(QCoreApplication.translate("HomePage", u"Candidates shown", None))
#endif // QT_CONFIG(accessibility)
        self.stageLabel.setText(QCoreApplication.translate("HomePage", u"S&tage", None))
#if QT_CONFIG(accessibility)
        self.stageChoice.setAccessibleName(QCoreApplication.translate("HomePage", u"Stage to open", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("HomePage", u"&Open stage walk", None))
#if QT_CONFIG(accessibility)
        self.openButton.setAccessibleName(QCoreApplication.translate("HomePage", u"Open stage walk for the selected candidate", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.candidates.setAccessibleName(QCoreApplication.translate("HomePage", u"All candidates", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
