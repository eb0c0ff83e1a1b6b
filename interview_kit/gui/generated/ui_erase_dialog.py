# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'erase_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_EraseDialog(object):
    def setupUi(self, EraseDialog):
        if not EraseDialog.objectName():
            EraseDialog.setObjectName(u"EraseDialog")
        EraseDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(EraseDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(EraseDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.what = QLabel(EraseDialog)
        self.what.setObjectName(u"what")
        self.what.setWordWrap(True)

        self.layout.addWidget(self.what)

        self.confirmLabel = QLabel(EraseDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")
        self.confirmLabel.setWordWrap(True)

        self.layout.addWidget(self.confirmLabel)

        self.confirmation = QLineEdit(EraseDialog)
        self.confirmation.setObjectName(u"confirmation")

        self.layout.addWidget(self.confirmation)

        self.problem = QLabel(EraseDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.cancelButton = QPushButton(EraseDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttonRow.addWidget(self.cancelButton)

        self.eraseButton = QPushButton(EraseDialog)
        self.eraseButton.setObjectName(u"eraseButton")
        self.eraseButton.setEnabled(False)

        self.buttonRow.addWidget(self.eraseButton)


        self.layout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.confirmLabel.setBuddy(self.confirmation)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.confirmation, self.cancelButton)
        QWidget.setTabOrder(self.cancelButton, self.eraseButton)

        self.retranslateUi(EraseDialog)

        self.cancelButton.setDefault(True)


        QMetaObject.connectSlotsByName(EraseDialog)
    # setupUi

    def retranslateUi(self, EraseDialog):
        EraseDialog.setWindowTitle(QCoreApplication.translate("EraseDialog", u"Erase a candidate's personal data", None))
#if QT_CONFIG(accessibility)
        self.heading.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Candidate to erase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.what.setAccessibleName(QCoreApplication.translate("EraseDialog", u"What will be erased", None))
#endif // QT_CONFIG(accessibility)
        self.confirmLabel.setText(QCoreApplication.translate("EraseDialog", u"To confirm, &type the candidate's name:", None))
#if QT_CONFIG(accessibility)
        self.confirmation.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Type the candidate's name to confirm the erasure", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.cancelButton.setText(QCoreApplication.translate("EraseDialog", u"&Cancel", None))
        self.eraseButton.setText(QCoreApplication.translate("EraseDialog", u"&Erase for good", None))
#if QT_CONFIG(accessibility)
        self.eraseButton.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Erase the candidate's personal data for good", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
