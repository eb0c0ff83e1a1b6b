# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'rubric_editor.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QStackedWidget, QTableView, QToolButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_RubricEditor(object):
    def setupUi(self, RubricEditor):
        if not RubricEditor.objectName():
            RubricEditor.setObjectName(u"RubricEditor")
        RubricEditor.resize(1100, 760)
        self.pageLayout = QVBoxLayout(RubricEditor)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(16, 12, 16, 8)
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.title = QLabel(RubricEditor)
        self.title.setObjectName(u"title")

        self.headerRow.addWidget(self.title)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerRow.addItem(self.headerSpacer)

        self.rubricChoiceLabel = QLabel(RubricEditor)
        self.rubricChoiceLabel.setObjectName(u"rubricChoiceLabel")

        self.headerRow.addWidget(self.rubricChoiceLabel)

        self.rubricChoice = QComboBox(RubricEditor)
        self.rubricChoice.setObjectName(u"rubricChoice")
        self.rubricChoice.setMinimumContentsLength(14)
        self.rubricChoice.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)

        self.headerRow.addWidget(self.rubricChoice)

        self.historyButton = QToolButton(RubricEditor)
        self.historyButton.setObjectName(u"historyButton")
        self.historyButton.setPopupMode(QToolButton.InstantPopup)
        self.historyButton.setToolButtonStyle(Qt.ToolButtonTextOnly)

        self.headerRow.addWidget(self.historyButton)

        self.newButton = QPushButton(RubricEditor)
        self.newButton.setObjectName(u"newButton")

        self.headerRow.addWidget(self.newButton)

        self.importButton = QPushButton(RubricEditor)
        self.importButton.setObjectName(u"importButton")

        self.headerRow.addWidget(self.importButton)

        self.exportButton = QPushButton(RubricEditor)
        self.exportButton.setObjectName(u"exportButton")

        self.headerRow.addWidget(self.exportButton)


        self.pageLayout.addLayout(self.headerRow)

        self.banner = QLabel(RubricEditor)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.pageLayout.addWidget(self.banner)

        self.confirmFrame = QFrame(RubricEditor)
        self.confirmFrame.setObjectName(u"confirmFrame")
        self.confirmFrame.setFrameShape(QFrame.StyledPanel)
        self.confirmLayout = QHBoxLayout(self.confirmFrame)
        self.confirmLayout.setObjectName(u"confirmLayout")
        self.confirmText = QLabel(self.confirmFrame)
        self.confirmText.setObjectName(u"confirmText")
        self.confirmText.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.confirmText.sizePolicy().hasHeightForWidth())
        self.confirmText.setSizePolicy(sizePolicy)

        self.confirmLayout.addWidget(self.confirmText)

        self.confirmSaveButton = QPushButton(self.confirmFrame)
        self.confirmSaveButton.setObjectName(u"confirmSaveButton")

        self.confirmLayout.addWidget(self.confirmSaveButton)

        self.cancelSaveButton = QPushButton(self.confirmFrame)
        self.cancelSaveButton.setObjectName(u"cancelSaveButton")

        self.confirmLayout.addWidget(self.cancelSaveButton)


        self.pageLayout.addWidget(self.confirmFrame)

        self.splitter = QSplitter(RubricEditor)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.outlineBox = QWidget(self.splitter)
        self.outlineBox.setObjectName(u"outlineBox")
        self.outlineLayout = QVBoxLayout(self.outlineBox)
        self.outlineLayout.setObjectName(u"outlineLayout")
        self.outlineLayout.setContentsMargins(0, 0, 4, 0)
        self.outline = QTreeWidget(self.outlineBox)
        self.outline.setObjectName(u"outline")
        self.outline.setUniformRowHeights(True)
        self.outline.setColumnCount(2)

        self.outlineLayout.addWidget(self.outline)

        self.outlineButtons = QHBoxLayout()
        self.outlineButtons.setObjectName(u"outlineButtons")
        self.addButton = QToolButton(self.outlineBox)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setPopupMode(QToolButton.InstantPopup)
        self.addButton.setToolButtonStyle(Qt.ToolButtonTextOnly)

        self.outlineButtons.addWidget(self.addButton)

        self.removeButton = QToolButton(self.outlineBox)
        self.removeButton.setObjectName(u"removeButton")

        self.outlineButtons.addWidget(self.removeButton)

        self.upButton = QToolButton(self.outlineBox)
        self.upButton.setObjectName(u"upButton")

        self.outlineButtons.addWidget(self.upButton)

        self.downButton = QToolButton(self.outlineBox)
        self.downButton.setObjectName(u"downButton")

        self.outlineButtons.addWidget(self.downButton)

        self.outlineSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outlineButtons.addItem(self.outlineSpacer)


        self.outlineLayout.addLayout(self.outlineButtons)

        self.splitter.addWidget(self.outlineBox)
        self.formArea = QScrollArea(self.splitter)
        self.formArea.setObjectName(u"formArea")
        self.formArea.setWidgetResizable(True)
        self.formArea.setFrameShape(QFrame.NoFrame)
        self.forms = QStackedWidget()
        self.forms.setObjectName(u"forms")
        self.formArea.setWidget(self.forms)
        self.splitter.addWidget(self.formArea)

        self.pageLayout.addWidget(self.splitter)

        self.issuesTitle = QLabel(RubricEditor)
        self.issuesTitle.setObjectName(u"issuesTitle")

        self.pageLayout.addWidget(self.issuesTitle)

        self.issues = QTableView(RubricEditor)
        self.issues.setObjectName(u"issues")
        self.issues.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.issues.setSelectionMode(QAbstractItemView.SingleSelection)
        self.issues.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.issues.setAlternatingRowColors(True)
        self.issues.setWordWrap(False)
        self.issues.setMaximumSize(QSize(16777215, 130))

        self.pageLayout.addWidget(self.issues)

        self.footerRow = QHBoxLayout()
        self.footerRow.setObjectName(u"footerRow")
        self.dirtyLabel = QLabel(RubricEditor)
        self.dirtyLabel.setObjectName(u"dirtyLabel")

        self.footerRow.addWidget(self.dirtyLabel)

        self.footerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.footerRow.addItem(self.footerSpacer)

        self.previewButton = QPushButton(RubricEditor)
        self.previewButton.setObjectName(u"previewButton")

        self.footerRow.addWidget(self.previewButton)

        self.revertButton = QPushButton(RubricEditor)
        self.revertButton.setObjectName(u"revertButton")

        self.footerRow.addWidget(self.revertButton)

        self.saveButton = QPushButton(RubricEditor)
        self.saveButton.setObjectName(u"saveButton")

        self.footerRow.addWidget(self.saveButton)


        self.pageLayout.addLayout(self.footerRow)

        self.pageLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.rubricChoiceLabel.setBuddy(self.rubricChoice)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.rubricChoice, self.outline)
        QWidget.setTabOrder(self.outline, self.addButton)
        QWidget.setTabOrder(self.addButton, self.removeButton)
        QWidget.setTabOrder(self.removeButton, self.upButton)
        QWidget.setTabOrder(self.upButton, self.downButton)
        QWidget.setTabOrder(self.downButton, self.formArea)
        QWidget.setTabOrder(self.formArea, self.issues)
        QWidget.setTabOrder(self.issues, self.previewButton)
        QWidget.setTabOrder(self.previewButton, self.revertButton)
        QWidget.setTabOrder(self.revertButton, self.saveButton)

        self.retranslateUi(RubricEditor)

        QMetaObject.connectSlotsByName(RubricEditor)
    # setupUi

    def retranslateUi(self, RubricEditor):
        self.title.setText(QCoreApplication.translate("RubricEditor", u"Rubric", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Rubric being edited", None))
#endif // QT_CONFIG(accessibility)
        self.rubricChoiceLabel.setText(QCoreApplication.translate("RubricEditor", u"R&ole:", None))
#if QT_CONFIG(accessibility)
        self.rubricChoice.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Rubric to edit", None))
#endif // QT_CONFIG(accessibility)
        self.historyButton.setText(QCoreApplication.translate("RubricEditor", u"&History", None))
#if QT_CONFIG(accessibility)
        self.historyButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Rubric versions", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("RubricEditor", u"&New role\u2026", None))
#if QT_CONFIG(accessibility)
        self.newButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Start a new rubric", None))
#endif // QT_CONFIG(accessibility)
        self.importButton.setText(QCoreApplication.translate("RubricEditor", u"&Import\u2026", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Import a rubric file", None))
#endif // QT_CONFIG(accessibility)
        self.exportButton.setText(QCoreApplication.translate("RubricEditor", u"E&xport\u2026", None))
#if QT_CONFIG(accessibility)
        self.exportButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Export the rubric to a file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Rubric status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.confirmText.setAccessibleName(QCoreApplication.translate("RubricEditor", u"What saving will do", None))
#endif // QT_CONFIG(accessibility)
        self.confirmSaveButton.setText(QCoreApplication.translate("RubricEditor", u"Save &version", None))
#if QT_CONFIG(accessibility)
        self.confirmSaveButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Confirm saving a new rubric version", None))
#endif // QT_CONFIG(accessibility)
        self.cancelSaveButton.setText(QCoreApplication.translate("RubricEditor", u"&Keep editing", None))
#if QT_CONFIG(accessibility)
        self.cancelSaveButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Cancel saving", None))
#endif // QT_CONFIG(accessibility)
        ___qtreewidgetitem = self.outline.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("RubricEditor", u"Problems", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("RubricEditor", u"Item", None))
#if QT_CONFIG(accessibility)
        self.outline.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Rubric outline", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("RubricEditor", u"&Add", None))
#if QT_CONFIG(accessibility)
        self.addButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Add an item", None))
#endif // QT_CONFIG(accessibility)
        self.removeButton.setText(QCoreApplication.translate("RubricEditor", u"&Remove", None))
#if QT_CONFIG(accessibility)
        self.removeButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Remove the selected item", None))
#endif // QT_CONFIG(accessibility)
        self.upButton.setText(QCoreApplication.translate("RubricEditor", u"Move &up", None))
#if QT_CONFIG(accessibility)
        self.upButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Move the selected item up", None))
#endif // QT_CONFIG(accessibility)
        self.downButton.setText(QCoreApplication.translate("RubricEditor", u"Move d&own", None))
#if QT_CONFIG(accessibility)
        self.downButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Move the selected item down", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.formArea.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Item editor", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.issuesTitle.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Problems summary", None))
#endif // QT_CONFIG(accessibility)
        self.issuesTitle.setText(QCoreApplication.translate("RubricEditor", u"No problems", None))
#if QT_CONFIG(accessibility)
        self.issues.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Problems in the rubric", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.dirtyLabel.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Unsaved changes", None))
#endif // QT_CONFIG(accessibility)
        self.previewButton.setText(QCoreApplication.translate("RubricEditor", u"&Preview stage sheet\u2026", None))
#if QT_CONFIG(accessibility)
        self.previewButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Preview the selected stage as an interviewer sees it", None))
#endif // QT_CONFIG(accessibility)
        self.revertButton.setText(QCoreApplication.translate("RubricEditor", u"Re&vert", None))
#if QT_CONFIG(accessibility)
        self.revertButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Discard changes and reload the active version", None))
#endif // QT_CONFIG(accessibility)
        self.saveButton.setText(QCoreApplication.translate("RubricEditor", u"&Save as new version", None))
#if QT_CONFIG(accessibility)
        self.saveButton.setAccessibleName(QCoreApplication.translate("RubricEditor", u"Save the rubric as a new version", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
