# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'candidate_dialog.ui'
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
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_CandidateDialog(object):
    def setupUi(self, CandidateDialog):
        if not CandidateDialog.objectName():
            CandidateDialog.setObjectName(u"CandidateDialog")
        CandidateDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(CandidateDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(CandidateDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(CandidateDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.emailLabel = QLabel(CandidateDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(CandidateDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(320)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.email)

        self.sourceLabel = QLabel(CandidateDialog)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.source = QComboBox(CandidateDialog)
        self.source.setObjectName(u"source")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.source)

        self.originLabel = QLabel(CandidateDialog)
        self.originLabel.setObjectName(u"originLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.originLabel)

        self.origin = QComboBox(CandidateDialog)
        self.origin.setObjectName(u"origin")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.origin)

        self.roleLabel = QLabel(CandidateDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(CandidateDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.role)

        self.notesLabel = QLabel(CandidateDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = QPlainTextEdit(CandidateDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.notes)


        self.layout.addLayout(self.form)

        self.problem = QLabel(CandidateDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(CandidateDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.emailLabel.setBuddy(self.email)
        self.sourceLabel.setBuddy(self.source)
        self.originLabel.setBuddy(self.origin)
        self.roleLabel.setBuddy(self.role)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.email)
        QWidget.setTabOrder(self.email, self.source)
        QWidget.setTabOrder(self.source, self.origin)
        QWidget.setTabOrder(self.origin, self.role)
        QWidget.setTabOrder(self.role, self.notes)
        QWidget.setTabOrder(self.notes, self.buttons)

        self.retranslateUi(CandidateDialog)

        QMetaObject.connectSlotsByName(CandidateDialog)
    # setupUi

    def retranslateUi(self, CandidateDialog):
        CandidateDialog.setWindowTitle(QCoreApplication.translate("CandidateDialog", u"Candidate", None))
        self.nameLabel.setText(QCoreApplication.translate("CandidateDialog", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Candidate name", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("CandidateDialog", u"&E-mail", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Candidate e-mail", None))
#endif // QT_CONFIG(accessibility)
        self.sourceLabel.setText(QCoreApplication.translate("CandidateDialog", u"&Source", None))
#if QT_CONFIG(accessibility)
        self.source.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Where the candidate comes from", None))
#endif // QT_CONFIG(accessibility)
        self.originLabel.setText(QCoreApplication.translate("CandidateDialog", u"&Origin path", None))
#if QT_CONFIG(accessibility)
        self.origin.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Origin path: PM or engineer", None))
#endif // QT_CONFIG(accessibility)
        self.roleLabel.setText(QCoreApplication.translate("CandidateDialog", u"&Role", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Role and rubric the candidate is interviewed for", None))
#endif // QT_CONFIG(accessibility)
        self.notesLabel.setText(QCoreApplication.translate("CandidateDialog", u"N&otes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Recruiter notes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("CandidateDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
