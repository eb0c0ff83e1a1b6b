# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'database_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_DatabaseDialog(object):
    def setupUi(self, DatabaseDialog):
        if not DatabaseDialog.objectName():
            DatabaseDialog.setObjectName(u"DatabaseDialog")
        DatabaseDialog.setMinimumSize(QSize(560, 0))
        self.layout = QVBoxLayout(DatabaseDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(DatabaseDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.currentForm = QFormLayout()
        self.currentForm.setObjectName(u"currentForm")
        self.currentLabel = QLabel(DatabaseDialog)
        self.currentLabel.setObjectName(u"currentLabel")

        self.currentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.currentLabel)

        self.current = QLabel(DatabaseDialog)
        self.current.setObjectName(u"current")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.currentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.current)

        self.sourceLabel = QLabel(DatabaseDialog)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.currentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.source = QLabel(DatabaseDialog)
        self.source.setObjectName(u"source")
        self.source.setWordWrap(True)

        self.currentForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.source)


        self.layout.addLayout(self.currentForm)

        self.overrideNote = QLabel(DatabaseDialog)
        self.overrideNote.setObjectName(u"overrideNote")
        self.overrideNote.setWordWrap(True)

        self.layout.addWidget(self.overrideNote)

        self.choiceBox = QGroupBox(DatabaseDialog)
        self.choiceBox.setObjectName(u"choiceBox")
        self.choiceLayout = QVBoxLayout(self.choiceBox)
        self.choiceLayout.setObjectName(u"choiceLayout")
        self.sqliteChoice = QRadioButton(self.choiceBox)
        self.sqliteChoice.setObjectName(u"sqliteChoice")
        self.sqliteChoice.setChecked(True)

        self.choiceLayout.addWidget(self.sqliteChoice)

        self.pathLayout = QHBoxLayout()
        self.pathLayout.setObjectName(u"pathLayout")
        self.sqlitePath = QLineEdit(self.choiceBox)
        self.sqlitePath.setObjectName(u"sqlitePath")

        self.pathLayout.addWidget(self.sqlitePath)

        self.browseButton = QPushButton(self.choiceBox)
        self.browseButton.setObjectName(u"browseButton")

        self.pathLayout.addWidget(self.browseButton)


        self.choiceLayout.addLayout(self.pathLayout)

        self.postgresChoice = QRadioButton(self.choiceBox)
        self.postgresChoice.setObjectName(u"postgresChoice")

        self.choiceLayout.addWidget(self.postgresChoice)

        self.postgresUrl = QLineEdit(self.choiceBox)
        self.postgresUrl.setObjectName(u"postgresUrl")

        self.choiceLayout.addWidget(self.postgresUrl)

        self.urlHint = QLabel(self.choiceBox)
        self.urlHint.setObjectName(u"urlHint")
        self.urlHint.setWordWrap(True)

        self.choiceLayout.addWidget(self.urlHint)


        self.layout.addWidget(self.choiceBox)

        self.testLayout = QHBoxLayout()
        self.testLayout.setObjectName(u"testLayout")
        self.testButton = QPushButton(DatabaseDialog)
        self.testButton.setObjectName(u"testButton")

        self.testLayout.addWidget(self.testButton)

        self.result = QLabel(DatabaseDialog)
        self.result.setObjectName(u"result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.result.sizePolicy().hasHeightForWidth())
        self.result.setSizePolicy(sizePolicy)

        self.testLayout.addWidget(self.result)


        self.layout.addLayout(self.testLayout)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpace)

        self.buttons = QDialogButtonBox(DatabaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.sqliteChoice, self.sqlitePath)
        QWidget.setTabOrder(self.sqlitePath, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.postgresChoice)
        QWidget.setTabOrder(self.postgresChoice, self.postgresUrl)
        QWidget.setTabOrder(self.postgresUrl, self.testButton)
        QWidget.setTabOrder(self.testButton, self.buttons)

        self.retranslateUi(DatabaseDialog)

        QMetaObject.connectSlotsByName(DatabaseDialog)
    # setupUi

    def retranslateUi(self, DatabaseDialog):
        DatabaseDialog.setWindowTitle(QCoreApplication.translate("DatabaseDialog", u"Database", None))
        self.intro.setText(QCoreApplication.translate("DatabaseDialog", u"Everything this app records is kept in one database: a file on this computer, or a PostgreSQL database the whole panel shares.", None))
        self.currentLabel.setText(QCoreApplication.translate("DatabaseDialog", u"In use:", None))
#if QT_CONFIG(accessibility)
        self.current.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Database in use", None))
#endif // QT_CONFIG(accessibility)
        self.sourceLabel.setText(QCoreApplication.translate("DatabaseDialog", u"Chosen by:", None))
#if QT_CONFIG(accessibility)
        self.source.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Where the database in use was chosen", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.overrideNote.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Which choice wins at the next start", None))
#endif // QT_CONFIG(accessibility)
        self.choiceBox.setTitle(QCoreApplication.translate("DatabaseDialog", u"Switch to", None))
        self.sqliteChoice.setText(QCoreApplication.translate("DatabaseDialog", u"A &file on this computer (SQLite)", None))
#if QT_CONFIG(accessibility)
        self.sqlitePath.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Database file", None))
#endif // QT_CONFIG(accessibility)
        self.sqlitePath.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"/path/to/panel.sqlite3", None))
        self.browseButton.setText(QCoreApplication.translate("DatabaseDialog", u"&Browse\u2026", None))
        self.postgresChoice.setText(QCoreApplication.translate("DatabaseDialog", u"A &PostgreSQL database shared by the panel", None))
#if QT_CONFIG(accessibility)
        self.postgresUrl.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"PostgreSQL connection URL", None))
#endif // QT_CONFIG(accessibility)
        self.postgresUrl.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"postgresql+psycopg://user:password@host:5432/database", None))
        self.urlHint.setText(QCoreApplication.translate("DatabaseDialog", u"The URL, password included, is kept in this app's settings on this computer.", None))
        self.testButton.setText(QCoreApplication.translate("DatabaseDialog", u"&Test connection", None))
#if QT_CONFIG(accessibility)
        self.result.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Connection result", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
