# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'people_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_PeoplePage(object):
    def setupUi(self, PeoplePage):
        if not PeoplePage.objectName():
            PeoplePage.setObjectName(u"PeoplePage")
        PeoplePage.resize(1100, 720)
        self.pageLayout = QVBoxLayout(PeoplePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(16, 12, 16, 8)
        self.title = QLabel(PeoplePage)
        self.title.setObjectName(u"title")

        self.pageLayout.addWidget(self.title)

        self.banner = QLabel(PeoplePage)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.pageLayout.addWidget(self.banner)

        self.splitter = QSplitter(PeoplePage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.interviewersBox = QWidget(self.splitter)
        self.interviewersBox.setObjectName(u"interviewersBox")
        self.interviewersLayout = QVBoxLayout(self.interviewersBox)
        self.interviewersLayout.setObjectName(u"interviewersLayout")
        self.interviewersLayout.setContentsMargins(0, 0, 6, 0)
        self.interviewersTitle = QLabel(self.interviewersBox)
        self.interviewersTitle.setObjectName(u"interviewersTitle")

        self.interviewersLayout.addWidget(self.interviewersTitle)

        self.interviewers = QTableView(self.interviewersBox)
        self.interviewers.setObjectName(u"interviewers")
        self.interviewers.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.interviewers.setAlternatingRowColors(True)
        self.interviewers.setSelectionMode(QAbstractItemView.SingleSelection)
        self.interviewers.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.interviewers.setSortingEnabled(True)
        self.interviewers.setWordWrap(False)

        self.interviewersLayout.addWidget(self.interviewers)

        self.interviewerButtons = QHBoxLayout()
        self.interviewerButtons.setObjectName(u"interviewerButtons")
        self.addInterviewerButton = QPushButton(self.interviewersBox)
        self.addInterviewerButton.setObjectName(u"addInterviewerButton")

        self.interviewerButtons.addWidget(self.addInterviewerButton)

        self.editInterviewerButton = QPushButton(self.interviewersBox)
        self.editInterviewerButton.setObjectName(u"editInterviewerButton")

        self.interviewerButtons.addWidget(self.editInterviewerButton)

        self.interviewerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.interviewerButtons.addItem(self.interviewerSpacer)


        self.interviewersLayout.addLayout(self.interviewerButtons)

        self.splitter.addWidget(self.interviewersBox)
        self.rightSplitter = QSplitter(self.splitter)
        self.rightSplitter.setObjectName(u"rightSplitter")
        self.rightSplitter.setOrientation(Qt.Vertical)
        self.rightSplitter.setChildrenCollapsible(False)
        self.assignBox = QWidget(self.rightSplitter)
        self.assignBox.setObjectName(u"assignBox")
        self.assignLayout = QVBoxLayout(self.assignBox)
        self.assignLayout.setObjectName(u"assignLayout")
        self.assignLayout.setContentsMargins(6, 0, 0, 6)
        self.assignTitle = QLabel(self.assignBox)
        self.assignTitle.setObjectName(u"assignTitle")

        self.assignLayout.addWidget(self.assignTitle)

        self.findRow = QHBoxLayout()
        self.findRow.setObjectName(u"findRow")
        self.findLabel = QLabel(self.assignBox)
        self.findLabel.setObjectName(u"findLabel")

        self.findRow.addWidget(self.findLabel)

        self.findCandidate = QLineEdit(self.assignBox)
        self.findCandidate.setObjectName(u"findCandidate")
        self.findCandidate.setClearButtonEnabled(True)

        self.findRow.addWidget(self.findCandidate)


        self.assignLayout.addLayout(self.findRow)

        self.candidateResults = QTableView(self.assignBox)
        self.candidateResults.setObjectName(u"candidateResults")
        self.candidateResults.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidateResults.setSelectionMode(QAbstractItemView.SingleSelection)
        self.candidateResults.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidateResults.setWordWrap(False)
        self.candidateResults.setMaximumSize(QSize(16777215, 120))

        self.assignLayout.addWidget(self.candidateResults)

        self.candidateTitle = QLabel(self.assignBox)
        self.candidateTitle.setObjectName(u"candidateTitle")
        self.candidateTitle.setWordWrap(True)

        self.assignLayout.addWidget(self.candidateTitle)

        self.assignments = QTableView(self.assignBox)
        self.assignments.setObjectName(u"assignments")
        self.assignments.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.assignments.setAlternatingRowColors(True)
        self.assignments.setSelectionMode(QAbstractItemView.SingleSelection)
        self.assignments.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.assignments.setSortingEnabled(True)
        self.assignments.setWordWrap(False)

        self.assignLayout.addWidget(self.assignments)

        self.assignRow = QHBoxLayout()
        self.assignRow.setObjectName(u"assignRow")
        self.assignStageLabel = QLabel(self.assignBox)
        self.assignStageLabel.setObjectName(u"assignStageLabel")

        self.assignRow.addWidget(self.assignStageLabel)

        self.assignStage = QComboBox(self.assignBox)
        self.assignStage.setObjectName(u"assignStage")
        self.assignStage.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.assignRow.addWidget(self.assignStage)

        self.assignInterviewerLabel = QLabel(self.assignBox)
        self.assignInterviewerLabel.setObjectName(u"assignInterviewerLabel")

        self.assignRow.addWidget(self.assignInterviewerLabel)

        self.assignInterviewer = QComboBox(self.assignBox)
        self.assignInterviewer.setObjectName(u"assignInterviewer")
        self.assignInterviewer.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.assignRow.addWidget(self.assignInterviewer)

        self.assignButton = QPushButton(self.assignBox)
        self.assignButton.setObjectName(u"assignButton")

        self.assignRow.addWidget(self.assignButton)

        self.assignSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.assignRow.addItem(self.assignSpacer)

        self.unassignButton = QPushButton(self.assignBox)
        self.unassignButton.setObjectName(u"unassignButton")

        self.assignRow.addWidget(self.unassignButton)


        self.assignLayout.addLayout(self.assignRow)

        self.rightSplitter.addWidget(self.assignBox)
        self.pendingBox = QWidget(self.rightSplitter)
        self.pendingBox.setObjectName(u"pendingBox")
        self.pendingLayout = QVBoxLayout(self.pendingBox)
        self.pendingLayout.setObjectName(u"pendingLayout")
        self.pendingLayout.setContentsMargins(6, 6, 0, 0)
        self.pendingHeader = QHBoxLayout()
        self.pendingHeader.setObjectName(u"pendingHeader")
        self.pendingTitle = QLabel(self.pendingBox)
        self.pendingTitle.setObjectName(u"pendingTitle")

        self.pendingHeader.addWidget(self.pendingTitle)

        self.pendingSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.pendingHeader.addItem(self.pendingSpacer)

        self.pendingFilterLabel = QLabel(self.pendingBox)
        self.pendingFilterLabel.setObjectName(u"pendingFilterLabel")

        self.pendingHeader.addWidget(self.pendingFilterLabel)

        self.pendingFilter = QComboBox(self.pendingBox)
        self.pendingFilter.setObjectName(u"pendingFilter")
        self.pendingFilter.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.pendingHeader.addWidget(self.pendingFilter)


        self.pendingLayout.addLayout(self.pendingHeader)

        self.pending = QTableView(self.pendingBox)
        self.pending.setObjectName(u"pending")
        self.pending.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.pending.setAlternatingRowColors(True)
        self.pending.setSelectionMode(QAbstractItemView.SingleSelection)
        self.pending.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.pending.setSortingEnabled(True)
        self.pending.setWordWrap(False)

        self.pendingLayout.addWidget(self.pending)

        self.rightSplitter.addWidget(self.pendingBox)
        self.splitter.addWidget(self.rightSplitter)

        self.pageLayout.addWidget(self.splitter)

        self.pageLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.findLabel.setBuddy(self.findCandidate)
        self.assignStageLabel.setBuddy(self.assignStage)
        self.assignInterviewerLabel.setBuddy(self.assignInterviewer)
        self.pendingFilterLabel.setBuddy(self.pendingFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.interviewers, self.addInterviewerButton)
        QWidget.setTabOrder(self.addInterviewerButton, self.editInterviewerButton)
        QWidget.setTabOrder(self.editInterviewerButton, self.findCandidate)
        QWidget.setTabOrder(self.findCandidate, self.candidateResults)
        QWidget.setTabOrder(self.candidateResults, self.assignments)
        QWidget.setTabOrder(self.assignments, self.assignStage)
        QWidget.setTabOrder(self.assignStage, self.assignInterviewer)
        QWidget.setTabOrder(self.assignInterviewer, self.assignButton)
        QWidget.setTabOrder(self.assignButton, self.unassignButton)
        QWidget.setTabOrder(self.unassignButton, self.pendingFilter)
        QWidget.setTabOrder(self.pendingFilter, self.pending)

        self.retranslateUi(PeoplePage)

        QMetaObject.connectSlotsByName(PeoplePage)
    # setupUi

    def retranslateUi(self, PeoplePage):
        self.title.setText(QCoreApplication.translate("PeoplePage", u"Interviewers and assignments", None))
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.interviewersTitle.setText(QCoreApplication.translate("PeoplePage", u"Interviewers", None))
#if QT_CONFIG(accessibility)
        self.interviewers.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Interviewers", None))
#endif // QT_CONFIG(accessibility)
        self.addInterviewerButton.setText(QCoreApplication.translate("PeoplePage", u"A&dd interviewer\u2026", None))
#if QT_CONFIG(accessibility)
        self.addInterviewerButton.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Add an interviewer", None))
#endif // QT_CONFIG(accessibility)
        self.editInterviewerButton.setText(QCoreApplication.translate("PeoplePage", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editInterviewerButton.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Edit the selected interviewer", None))
#endif // QT_CONFIG(accessibility)
        self.assignTitle.setText(QCoreApplication.translate("PeoplePage", u"A candidate's panel", None))
        self.findLabel.setText(QCoreApplication.translate("PeoplePage", u"&Find candidate:", None))
#if QT_CONFIG(accessibility)
        self.findCandidate.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Find a candidate to assign interviewers to", None))
#endif // QT_CONFIG(accessibility)
        self.findCandidate.setPlaceholderText(QCoreApplication.translate("PeoplePage", u"Name or e-mail", None))
#if QT_CONFIG(accessibility)
        self.candidateResults.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Matching candidates", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.candidateTitle.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Candidate whose panel is shown", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.assignments.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Interviewers assigned to the candidate", None))
#endif // QT_CONFIG(accessibility)
        self.assignStageLabel.setText(QCoreApplication.translate("PeoplePage", u"S&tage:", None))
#if QT_CONFIG(accessibility)
        self.assignStage.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Stage to assign", None))
#endif // QT_CONFIG(accessibility)
        self.assignInterviewerLabel.setText(QCoreApplication.translate("PeoplePage", u"&Interviewer:", None))
#if QT_CONFIG(accessibility)
        self.assignInterviewer.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Interviewer to assign", None))
#endif // QT_CONFIG(accessibility)
        self.assignButton.setText(QCoreApplication.translate("PeoplePage", u"&Assign", None))
#if QT_CONFIG(accessibility)
        self.assignButton.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Assign the interviewer to the stage", None))
#endif // QT_CONFIG(accessibility)
        self.unassignButton.setText(QCoreApplication.translate("PeoplePage", u"&Unassign", None))
#if QT_CONFIG(accessibility)
        self.unassignButton.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Take the selected interviewer off the stage", None))
#endif // QT_CONFIG(accessibility)
        self.pendingTitle.setText(QCoreApplication.translate("PeoplePage", u"Not submitted yet", None))
        self.pendingFilterLabel.setText(QCoreApplication.translate("PeoplePage", u"S&how:", None))
#if QT_CONFIG(accessibility)
        self.pendingFilter.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Whose outstanding scorecards to show", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pending.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Scorecards not submitted yet", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
