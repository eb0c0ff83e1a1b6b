# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'packet_options_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PacketOptionsDialog(object):
    def setupUi(self, PacketOptionsDialog):
        if not PacketOptionsDialog.objectName():
            PacketOptionsDialog.setObjectName(u"PacketOptionsDialog")
        PacketOptionsDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(PacketOptionsDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(PacketOptionsDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.folderLabel = QLabel(PacketOptionsDialog)
        self.folderLabel.setObjectName(u"folderLabel")

        self.folderRow.addWidget(self.folderLabel)

        self.folder = QLineEdit(PacketOptionsDialog)
        self.folder.setObjectName(u"folder")

        self.folderRow.addWidget(self.folder)

        self.browseButton = QPushButton(PacketOptionsDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.folderRow.addWidget(self.browseButton)


        self.layout.addLayout(self.folderRow)

        self.anonymise = QCheckBox(PacketOptionsDialog)
        self.anonymise.setObjectName(u"anonymise")

        self.layout.addWidget(self.anonymise)

        self.anonymiseHint = QLabel(PacketOptionsDialog)
        self.anonymiseHint.setObjectName(u"anonymiseHint")
        self.anonymiseHint.setWordWrap(True)
        self.anonymiseHint.setIndent(22)

        self.layout.addWidget(self.anonymiseHint)

        self.problem = QLabel(PacketOptionsDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(PacketOptionsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.folderLabel.setBuddy(self.folder)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.folder, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.anonymise)
        QWidget.setTabOrder(self.anonymise, self.buttons)

        self.retranslateUi(PacketOptionsDialog)

        QMetaObject.connectSlotsByName(PacketOptionsDialog)
    # setupUi

    def retranslateUi(self, PacketOptionsDialog):
        PacketOptionsDialog.setWindowTitle(QCoreApplication.translate("PacketOptionsDialog", u"Hiring packets", None))
#if QT_CONFIG(accessibility)
        self.intro.setAccessibleName(QCoreApplication.translate("PacketOptionsDialog", u"Which candidates", None))
#endif // QT_CONFIG(accessibility)
        self.folderLabel.setText(QCoreApplication.translate("PacketOptionsDialog", u"&Folder:", None))
#if QT_CONFIG(accessibility)
        self.folder.setAccessibleName(QCoreApplication.translate("PacketOptionsDialog", u"Folder the packets are written to", None))
#endif // QT_CONFIG(accessibility)
        self.folder.setPlaceholderText(QCoreApplication.translate("PacketOptionsDialog", u"Where the PDF files go", None))
        self.browseButton.setText(QCoreApplication.translate("PacketOptionsDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.browseButton.setAccessibleName(QCoreApplication.translate("PacketOptionsDialog", u"Choose the folder", None))
#endif // QT_CONFIG(accessibility)
        self.anonymise.setText(QCoreApplication.translate("PacketOptionsDialog", u"&Anonymise for blind review", None))
#if QT_CONFIG(accessibility)
        self.anonymise.setAccessibleName(QCoreApplication.translate("PacketOptionsDialog", u"Anonymise the packets for blind review", None))
#endif // QT_CONFIG(accessibility)
        self.anonymiseHint.setText(QCoreApplication.translate("PacketOptionsDialog", u"Each candidate's name, e-mail and source become a stable pseudonym such as \u201cCandidate 7KQ2MX\u201d, used for the file name too; interviewers are named by their role.", None))
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("PacketOptionsDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
