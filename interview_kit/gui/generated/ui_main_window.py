# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QMenuBar,
    QSizePolicy, QStackedWidget, QStatusBar, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.actionLoadDemo = QAction(MainWindow)
        self.actionLoadDemo.setObjectName(u"actionLoadDemo")
        self.actionImport = QAction(MainWindow)
        self.actionImport.setObjectName(u"actionImport")
        self.actionExport = QAction(MainWindow)
        self.actionExport.setObjectName(u"actionExport")
        self.actionBackup = QAction(MainWindow)
        self.actionBackup.setObjectName(u"actionBackup")
        self.actionDatabase = QAction(MainWindow)
        self.actionDatabase.setObjectName(u"actionDatabase")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionSwitchInterviewer = QAction(MainWindow)
        self.actionSwitchInterviewer.setObjectName(u"actionSwitchInterviewer")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.centralLayout = QHBoxLayout(self.central)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.navigation = QListWidget(self.central)
        self.navigation.setObjectName(u"navigation")
        self.navigation.setMinimumSize(QSize(180, 0))
        self.navigation.setMaximumSize(QSize(240, 16777215))
        self.navigation.setFrameShape(QFrame.NoFrame)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.centralLayout.addWidget(self.navigation)

        self.pages = QStackedWidget(self.central)
        self.pages.setObjectName(u"pages")

        self.centralLayout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.central)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuPeople = QMenu(self.menubar)
        self.menuPeople.setObjectName(u"menuPeople")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuPeople.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionLoadDemo)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionImport)
        self.menuFile.addAction(self.actionExport)
        self.menuFile.addAction(self.actionBackup)
        self.menuFile.addAction(self.actionDatabase)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuPeople.addAction(self.actionSwitchInterviewer)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Interview Kit", None))
        self.actionLoadDemo.setText(QCoreApplication.translate("MainWindow", u"Load &demo data", None))
#if QT_CONFIG(tooltip)
        self.actionLoadDemo.setToolTip(QCoreApplication.translate("MainWindow", u"Fill this database with a sample panel: candidates, interviewers and scorecards", None))
#endif // QT_CONFIG(tooltip)
        self.actionImport.setText(QCoreApplication.translate("MainWindow", u"&Import\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionImport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+I", None))
#endif // QT_CONFIG(shortcut)
        self.actionExport.setText(QCoreApplication.translate("MainWindow", u"&Export\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionBackup.setText(QCoreApplication.translate("MainWindow", u"&Back up database\u2026", None))
        self.actionDatabase.setText(QCoreApplication.translate("MainWindow", u"&Database\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionDatabase.setToolTip(QCoreApplication.translate("MainWindow", u"Which database this app works on: a file on this computer or a PostgreSQL database the panel shares", None))
#endif // QT_CONFIG(tooltip)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionSwitchInterviewer.setText(QCoreApplication.translate("MainWindow", u"&Switch interviewer\u2026", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About Interview Kit", None))
#if QT_CONFIG(accessibility)
        self.navigation.setAccessibleName(QCoreApplication.translate("MainWindow", u"Sections", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pages.setAccessibleName(QCoreApplication.translate("MainWindow", u"Current section", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuPeople.setTitle(QCoreApplication.translate("MainWindow", u"&People", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi
