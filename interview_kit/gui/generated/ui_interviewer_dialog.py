# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'interviewer_dialog.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_InterviewerDialog(object):
    def setupUi(self, InterviewerDialog):
        if not InterviewerDialog.objectName():
            InterviewerDialog.setObjectName(u"InterviewerDialog")
        InterviewerDialog.setMinimumSize(QSize(460, 0))
        self.layout = QVBoxLayout(InterviewerDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(InterviewerDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(InterviewerDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.emailLabel = QLabel(InterviewerDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(InterviewerDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(320)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.email)

        self.roleLabel = QLabel(InterviewerDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleTitle = QLineEdit(InterviewerDialog)
        self.roleTitle.setObjectName(u"roleTitle")
        self.roleTitle.setMaxLength(200)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleTitle)


        self.layout.addLayout(self.form)

        self.problem = QLabel(InterviewerDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(InterviewerDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.emailLabel.setBuddy(self.email)
        self.roleLabel.setBuddy(self.roleTitle)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.email)
        QWidget.setTabOrder(self.email, self.roleTitle)
        QWidget.setTabOrder(self.roleTitle, self.buttons)

        self.retranslateUi(InterviewerDialog)

        QMetaObject.connectSlotsByName(InterviewerDialog)
    # setupUi

    def retranslateUi(self, InterviewerDialog):
        InterviewerDialog.setWindowTitle(QCoreApplication.translate("InterviewerDialog", u"Interviewer", None))
        self.nameLabel.setText(QCoreApplication.translate("InterviewerDialog", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("InterviewerDialog", u"Interviewer name", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("InterviewerDialog", u"&E-mail", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("InterviewerDialog", u"Interviewer e-mail", None))
#endif // QT_CONFIG(accessibility)
        self.roleLabel.setText(QCoreApplication.translate("InterviewerDialog", u"&Role", None))
#if QT_CONFIG(accessibility)
        self.roleTitle.setAccessibleName(QCoreApplication.translate("InterviewerDialog", u"Interviewer role title", None))
#endif // QT_CONFIG(accessibility)
        self.roleTitle.setPlaceholderText(QCoreApplication.translate("InterviewerDialog", u"e.g. Staff Engineer", None))
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("InterviewerDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
