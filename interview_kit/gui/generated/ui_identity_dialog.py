# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identity_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_IdentityDialog(object):
    def setupUi(self, IdentityDialog):
        if not IdentityDialog.objectName():
            IdentityDialog.setObjectName(u"IdentityDialog")
        IdentityDialog.setModal(True)
        self.layout = QVBoxLayout(IdentityDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(IdentityDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.existingLabel = QLabel(IdentityDialog)
        self.existingLabel.setObjectName(u"existingLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.existingLabel)

        self.existing = QComboBox(IdentityDialog)
        self.existing.setObjectName(u"existing")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.existing)

        self.nameLabel = QLabel(IdentityDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(IdentityDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)

        self.emailLabel = QLabel(IdentityDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(IdentityDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(320)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.email)


        self.layout.addLayout(self.form)

        self.problem = QLabel(IdentityDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(IdentityDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.existingLabel.setBuddy(self.existing)
        self.nameLabel.setBuddy(self.name)
        self.emailLabel.setBuddy(self.email)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.existing, self.name)
        QWidget.setTabOrder(self.name, self.email)
        QWidget.setTabOrder(self.email, self.buttons)

        self.retranslateUi(IdentityDialog)

        QMetaObject.connectSlotsByName(IdentityDialog)
    # setupUi

    def retranslateUi(self, IdentityDialog):
        IdentityDialog.setWindowTitle(QCoreApplication.translate("IdentityDialog", u"Who is scoring?", None))
        self.intro.setText(QCoreApplication.translate("IdentityDialog", u"Your name goes on the scorecards you submit. Choose yourself from the panel, or add yourself.", None))
        self.existingLabel.setText(QCoreApplication.translate("IdentityDialog", u"&Interviewer", None))
#if QT_CONFIG(accessibility)
        self.existing.setAccessibleName(QCoreApplication.translate("IdentityDialog", u"Existing interviewer", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("IdentityDialog", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("IdentityDialog", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("IdentityDialog", u"&Email", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("IdentityDialog", u"Your email", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("IdentityDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
