# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'packet_progress_dialog.ui'
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
    QLabel, QListWidget, QListWidgetItem, QProgressBar,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_PacketProgressDialog(object):
    def setupUi(self, PacketProgressDialog):
        if not PacketProgressDialog.objectName():
            PacketProgressDialog.setObjectName(u"PacketProgressDialog")
        PacketProgressDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(PacketProgressDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(PacketProgressDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.bar = QProgressBar(PacketProgressDialog)
        self.bar.setObjectName(u"bar")

        self.layout.addWidget(self.bar)

        self.detail = QLabel(PacketProgressDialog)
        self.detail.setObjectName(u"detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.detail)

        self.failuresLabel = QLabel(PacketProgressDialog)
        self.failuresLabel.setObjectName(u"failuresLabel")

        self.layout.addWidget(self.failuresLabel)

        self.failures = QListWidget(PacketProgressDialog)
        self.failures.setObjectName(u"failures")
        self.failures.setWordWrap(True)
        self.failures.setAlternatingRowColors(True)
        self.failures.setMaximumSize(QSize(16777215, 160))

        self.layout.addWidget(self.failures)

        self.buttons = QDialogButtonBox(PacketProgressDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.failuresLabel.setBuddy(self.failures)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.failures, self.buttons)

        self.retranslateUi(PacketProgressDialog)

        QMetaObject.connectSlotsByName(PacketProgressDialog)
    # setupUi

    def retranslateUi(self, PacketProgressDialog):
        PacketProgressDialog.setWindowTitle(QCoreApplication.translate("PacketProgressDialog", u"Hiring packets", None))
#if QT_CONFIG(accessibility)
        self.heading.setAccessibleName(QCoreApplication.translate("PacketProgressDialog", u"What is happening", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.bar.setAccessibleName(QCoreApplication.translate("PacketProgressDialog", u"Packets written", None))
#endif // QT_CONFIG(accessibility)
        self.bar.setFormat(QCoreApplication.translate("PacketProgressDialog", u"%v of %m done", None))
#if QT_CONFIG(accessibility)
        self.detail.setAccessibleName(QCoreApplication.translate("PacketProgressDialog", u"Where the packets go", None))
#endif // QT_CONFIG(accessibility)
        self.failuresLabel.setText(QCoreApplication.translate("PacketProgressDialog", u"Not written:", None))
#if QT_CONFIG(accessibility)
        self.failures.setAccessibleName(QCoreApplication.translate("PacketProgressDialog", u"Packets not written, with the reason", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
