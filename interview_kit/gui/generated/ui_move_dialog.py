# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'move_dialog.ui'
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
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_MoveDialog(object):
    def setupUi(self, MoveDialog):
        if not MoveDialog.objectName():
            MoveDialog.setObjectName(u"MoveDialog")
        MoveDialog.setMinimumSize(QSize(480, 0))
        self.layout = QVBoxLayout(MoveDialog)
        self.layout.setObjectName(u"layout")
        self.question = QLabel(MoveDialog)
        self.question.setObjectName(u"question")
        self.question.setWordWrap(True)

        self.layout.addWidget(self.question)

        self.reasonLabel = QLabel(MoveDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.layout.addWidget(self.reasonLabel)

        self.reason = QPlainTextEdit(MoveDialog)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumSize(QSize(16777215, 110))

        self.layout.addWidget(self.reason)

        self.problem = QLabel(MoveDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(MoveDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reason)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reason, self.buttons)

        self.retranslateUi(MoveDialog)

        QMetaObject.connectSlotsByName(MoveDialog)
    # setupUi

    def retranslateUi(self, MoveDialog):
        MoveDialog.setWindowTitle(QCoreApplication.translate("MoveDialog", u"Move candidate", None))
#if QT_CONFIG(accessibility)
        self.question.setAccessibleName(QCoreApplication.translate("MoveDialog", u"What happens", None))
#endif // QT_CONFIG(accessibility)
        self.reasonLabel.setText(QCoreApplication.translate("MoveDialog", u"&Reason", None))
#if QT_CONFIG(accessibility)
        self.reason.setAccessibleName(QCoreApplication.translate("MoveDialog", u"Reason, kept in the audit log", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("MoveDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
