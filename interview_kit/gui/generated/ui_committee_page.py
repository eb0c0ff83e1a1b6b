# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'committee_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDoubleSpinBox, QFormLayout, QFrame, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QRadioButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_CommitteePage(object):
    def setupUi(self, CommitteePage):
        if not CommitteePage.objectName():
            CommitteePage.setObjectName(u"CommitteePage")
        CommitteePage.resize(1100, 760)
        self.pageLayout = QVBoxLayout(CommitteePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(16, 12, 16, 8)
        self.splitter = QSplitter(CommitteePage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.candidatesBox = QWidget(self.splitter)
        self.candidatesBox.setObjectName(u"candidatesBox")
        self.candidatesLayout = QVBoxLayout(self.candidatesBox)
        self.candidatesLayout.setObjectName(u"candidatesLayout")
        self.candidatesLayout.setContentsMargins(0, 0, 6, 0)
        self.candidatesTitle = QLabel(self.candidatesBox)
        self.candidatesTitle.setObjectName(u"candidatesTitle")

        self.candidatesLayout.addWidget(self.candidatesTitle)

        self.find = QLineEdit(self.candidatesBox)
        self.find.setObjectName(u"find")
        self.find.setClearButtonEnabled(True)

        self.candidatesLayout.addWidget(self.find)

        self.show = QComboBox(self.candidatesBox)
        self.show.setObjectName(u"show")

        self.candidatesLayout.addWidget(self.show)

        self.candidates = QTableView(self.candidatesBox)
        self.candidates.setObjectName(u"candidates")
        self.candidates.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidates.setSelectionMode(QAbstractItemView.SingleSelection)
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidates.setWordWrap(False)

        self.candidatesLayout.addWidget(self.candidates)

        self.splitter.addWidget(self.candidatesBox)
        self.reviewArea = QScrollArea(self.splitter)
        self.reviewArea.setObjectName(u"reviewArea")
        self.reviewArea.setWidgetResizable(True)
        self.reviewArea.setFrameShape(QFrame.NoFrame)
        self.review = QWidget()
        self.review.setObjectName(u"review")
        self.reviewLayout = QVBoxLayout(self.review)
        self.reviewLayout.setObjectName(u"reviewLayout")
        self.reviewLayout.setContentsMargins(6, 0, 6, 6)
        self.heading = QLabel(self.review)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.reviewLayout.addWidget(self.heading)

        self.subheading = QLabel(self.review)
        self.subheading.setObjectName(u"subheading")
        self.subheading.setWordWrap(True)

        self.reviewLayout.addWidget(self.subheading)

        self.banner = QLabel(self.review)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.reviewLayout.addWidget(self.banner)

        self.summaryFrame = QFrame(self.review)
        self.summaryFrame.setObjectName(u"summaryFrame")
        self.summaryFrame.setFrameShape(QFrame.StyledPanel)
        self.summaryGrid = QGridLayout(self.summaryFrame)
        self.summaryGrid.setObjectName(u"summaryGrid")
        self.recommendationTitle = QLabel(self.summaryFrame)
        self.recommendationTitle.setObjectName(u"recommendationTitle")

        self.summaryGrid.addWidget(self.recommendationTitle, 0, 0, 1, 1)

        self.recommendation = QLabel(self.summaryFrame)
        self.recommendation.setObjectName(u"recommendation")

        self.summaryGrid.addWidget(self.recommendation, 1, 0, 1, 1)

        self.levelTitle = QLabel(self.summaryFrame)
        self.levelTitle.setObjectName(u"levelTitle")

        self.summaryGrid.addWidget(self.levelTitle, 0, 1, 1, 1)

        self.level = QLabel(self.summaryFrame)
        self.level.setObjectName(u"level")

        self.summaryGrid.addWidget(self.level, 1, 1, 1, 1)

        self.scoreTitle = QLabel(self.summaryFrame)
        self.scoreTitle.setObjectName(u"scoreTitle")

        self.summaryGrid.addWidget(self.scoreTitle, 0, 2, 1, 1)

        self.score = QLabel(self.summaryFrame)
        self.score.setObjectName(u"score")

        self.summaryGrid.addWidget(self.score, 1, 2, 1, 1)

        self.confidenceTitle = QLabel(self.summaryFrame)
        self.confidenceTitle.setObjectName(u"confidenceTitle")

        self.summaryGrid.addWidget(self.confidenceTitle, 0, 3, 1, 1)

        self.confidence = QLabel(self.summaryFrame)
        self.confidence.setObjectName(u"confidence")

        self.summaryGrid.addWidget(self.confidence, 1, 3, 1, 1)

        self.agreementTitle = QLabel(self.summaryFrame)
        self.agreementTitle.setObjectName(u"agreementTitle")

        self.summaryGrid.addWidget(self.agreementTitle, 0, 4, 1, 1)

        self.agreement = QLabel(self.summaryFrame)
        self.agreement.setObjectName(u"agreement")

        self.summaryGrid.addWidget(self.agreement, 1, 4, 1, 1)

        self.details = QLabel(self.summaryFrame)
        self.details.setObjectName(u"details")
        self.details.setWordWrap(True)

        self.summaryGrid.addWidget(self.details, 2, 0, 1, 5)


        self.reviewLayout.addWidget(self.summaryFrame)

        self.bandTitle = QLabel(self.review)
        self.bandTitle.setObjectName(u"bandTitle")

        self.reviewLayout.addWidget(self.bandTitle)

        self.bandHolder = QWidget(self.review)
        self.bandHolder.setObjectName(u"bandHolder")
        self.bandLayout = QVBoxLayout(self.bandHolder)
        self.bandLayout.setObjectName(u"bandLayout")
        self.bandLayout.setContentsMargins(0, 0, 0, 0)

        self.reviewLayout.addWidget(self.bandHolder)

        self.pending = QLabel(self.review)
        self.pending.setObjectName(u"pending")
        self.pending.setWordWrap(True)

        self.reviewLayout.addWidget(self.pending)

        self.ratingsTitle = QLabel(self.review)
        self.ratingsTitle.setObjectName(u"ratingsTitle")

        self.reviewLayout.addWidget(self.ratingsTitle)

        self.stageTabs = QTabWidget(self.review)
        self.stageTabs.setObjectName(u"stageTabs")

        self.reviewLayout.addWidget(self.stageTabs)

        self.observationsTitle = QLabel(self.review)
        self.observationsTitle.setObjectName(u"observationsTitle")

        self.reviewLayout.addWidget(self.observationsTitle)

        self.observations = QTableView(self.review)
        self.observations.setObjectName(u"observations")
        self.observations.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.observations.setSelectionMode(QAbstractItemView.SingleSelection)
        self.observations.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.observations.setWordWrap(True)
        self.observations.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.reviewLayout.addWidget(self.observations)

        self.traceTitle = QLabel(self.review)
        self.traceTitle.setObjectName(u"traceTitle")

        self.reviewLayout.addWidget(self.traceTitle)

        self.trace = QTableView(self.review)
        self.trace.setObjectName(u"trace")
        self.trace.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.trace.setSelectionMode(QAbstractItemView.SingleSelection)
        self.trace.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.trace.setWordWrap(True)
        self.trace.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.reviewLayout.addWidget(self.trace)

        self.decisionBox = QGroupBox(self.review)
        self.decisionBox.setObjectName(u"decisionBox")
        self.decisionForm = QFormLayout(self.decisionBox)
        self.decisionForm.setObjectName(u"decisionForm")
        self.outcomeLabel = QLabel(self.decisionBox)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.decisionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeRow = QHBoxLayout()
        self.outcomeRow.setObjectName(u"outcomeRow")
        self.hireRadio = QRadioButton(self.decisionBox)
        self.hireRadio.setObjectName(u"hireRadio")

        self.outcomeRow.addWidget(self.hireRadio)

        self.noHireRadio = QRadioButton(self.decisionBox)
        self.noHireRadio.setObjectName(u"noHireRadio")

        self.outcomeRow.addWidget(self.noHireRadio)

        self.outcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomeRow.addItem(self.outcomeSpacer)


        self.decisionForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.outcomeRow)

        self.levelLabel = QLabel(self.decisionBox)
        self.levelLabel.setObjectName(u"levelLabel")

        self.decisionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.levelLabel)

        self.levelChoice = QComboBox(self.decisionBox)
        self.levelChoice.setObjectName(u"levelChoice")

        self.decisionForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.levelChoice)

        self.baseLabel = QLabel(self.decisionBox)
        self.baseLabel.setObjectName(u"baseLabel")

        self.decisionForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.baseLabel)

        self.base = QDoubleSpinBox(self.decisionBox)
        self.base.setObjectName(u"base")
        self.base.setDecimals(0)
        self.base.setMaximum(100000000.000000000000000)
        self.base.setSingleStep(1000.000000000000000)
        self.base.setGroupSeparatorShown(True)
        self.base.setMaximumSize(QSize(240, 16777215))

        self.decisionForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.base)

        self.equityLabel = QLabel(self.decisionBox)
        self.equityLabel.setObjectName(u"equityLabel")

        self.decisionForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.equityLabel)

        self.equity = QDoubleSpinBox(self.decisionBox)
        self.equity.setObjectName(u"equity")
        self.equity.setDecimals(3)
        self.equity.setMaximum(1000000000.000000000000000)
        self.equity.setSingleStep(0.010000000000000)
        self.equity.setMaximumSize(QSize(240, 16777215))

        self.decisionForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.equity)

        self.bandCheck = QLabel(self.decisionBox)
        self.bandCheck.setObjectName(u"bandCheck")
        self.bandCheck.setWordWrap(True)

        self.decisionForm.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.bandCheck)

        self.justificationLabel = QLabel(self.decisionBox)
        self.justificationLabel.setObjectName(u"justificationLabel")

        self.decisionForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.justificationLabel)

        self.justification = QPlainTextEdit(self.decisionBox)
        self.justification.setObjectName(u"justification")
        self.justification.setTabChangesFocus(True)
        self.justification.setMaximumSize(QSize(16777215, 110))

        self.decisionForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.justification)

        self.decidedByLabel = QLabel(self.decisionBox)
        self.decidedByLabel.setObjectName(u"decidedByLabel")

        self.decisionForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.decidedByLabel)

        self.decidedBy = QLineEdit(self.decisionBox)
        self.decidedBy.setObjectName(u"decidedBy")
        self.decidedBy.setMaxLength(200)

        self.decisionForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.decidedBy)

        self.problem = QLabel(self.decisionBox)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.decisionForm.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.problem)

        self.recordRow = QHBoxLayout()
        self.recordRow.setObjectName(u"recordRow")
        self.recordButton = QPushButton(self.decisionBox)
        self.recordButton.setObjectName(u"recordButton")

        self.recordRow.addWidget(self.recordButton)

        self.recordSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recordRow.addItem(self.recordSpacer)


        self.decisionForm.setLayout(8, QFormLayout.ItemRole.FieldRole, self.recordRow)


        self.reviewLayout.addWidget(self.decisionBox)

        self.historyTitle = QLabel(self.review)
        self.historyTitle.setObjectName(u"historyTitle")

        self.reviewLayout.addWidget(self.historyTitle)

        self.history = QTableView(self.review)
        self.history.setObjectName(u"history")
        self.history.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SingleSelection)
        self.history.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.history.setWordWrap(True)
        self.history.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.reviewLayout.addWidget(self.history)

        self.packetRow = QHBoxLayout()
        self.packetRow.setObjectName(u"packetRow")
        self.packetButton = QPushButton(self.review)
        self.packetButton.setObjectName(u"packetButton")

        self.packetRow.addWidget(self.packetButton)

        self.anonymise = QCheckBox(self.review)
        self.anonymise.setObjectName(u"anonymise")

        self.packetRow.addWidget(self.anonymise)

        self.packetStatus = QLabel(self.review)
        self.packetStatus.setObjectName(u"packetStatus")
        self.packetStatus.setWordWrap(True)
        self.packetStatus.setTextInteractionFlags(Qt.TextSelectableByMouse)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.packetStatus.sizePolicy().hasHeightForWidth())
        self.packetStatus.setSizePolicy(sizePolicy)

        self.packetRow.addWidget(self.packetStatus)


        self.reviewLayout.addLayout(self.packetRow)

        self.reviewBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.reviewLayout.addItem(self.reviewBottom)

        self.reviewArea.setWidget(self.review)
        self.splitter.addWidget(self.reviewArea)

        self.pageLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.levelLabel.setBuddy(self.levelChoice)
        self.baseLabel.setBuddy(self.base)
        self.equityLabel.setBuddy(self.equity)
        self.justificationLabel.setBuddy(self.justification)
        self.decidedByLabel.setBuddy(self.decidedBy)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.find, self.show)
        QWidget.setTabOrder(self.show, self.candidates)
        QWidget.setTabOrder(self.candidates, self.stageTabs)
        QWidget.setTabOrder(self.stageTabs, self.observations)
        QWidget.setTabOrder(self.observations, self.trace)
        QWidget.setTabOrder(self.trace, self.hireRadio)
        QWidget.setTabOrder(self.hireRadio, self.noHireRadio)
        QWidget.setTabOrder(self.noHireRadio, self.levelChoice)
        QWidget.setTabOrder(self.levelChoice, self.base)
        QWidget.setTabOrder(self.base, self.equity)
        QWidget.setTabOrder(self.equity, self.justification)
        QWidget.setTabOrder(self.justification, self.decidedBy)
        QWidget.setTabOrder(self.decidedBy, self.recordButton)
        QWidget.setTabOrder(self.recordButton, self.history)
        QWidget.setTabOrder(self.history, self.packetButton)
        QWidget.setTabOrder(self.packetButton, self.anonymise)

        self.retranslateUi(CommitteePage)

        QMetaObject.connectSlotsByName(CommitteePage)
    # setupUi

    def retranslateUi(self, CommitteePage):
        self.candidatesTitle.setText(QCoreApplication.translate("CommitteePage", u"Panel review", None))
#if QT_CONFIG(accessibility)
        self.find.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Find a candidate to review", None))
#endif // QT_CONFIG(accessibility)
        self.find.setPlaceholderText(QCoreApplication.translate("CommitteePage", u"Find a candidate", None))
#if QT_CONFIG(accessibility)
        self.show.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Which candidates to list", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.candidates.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Candidates to review", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.reviewArea.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Panel review of the candidate", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.heading.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Candidate", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.subheading.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Role, status and rubric version", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.recommendationTitle.setText(QCoreApplication.translate("CommitteePage", u"Recommendation", None))
#if QT_CONFIG(accessibility)
        self.recommendation.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Recommendation", None))
#endif // QT_CONFIG(accessibility)
        self.levelTitle.setText(QCoreApplication.translate("CommitteePage", u"Level", None))
#if QT_CONFIG(accessibility)
        self.level.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Recommended level", None))
#endif // QT_CONFIG(accessibility)
        self.scoreTitle.setText(QCoreApplication.translate("CommitteePage", u"Score", None))
#if QT_CONFIG(accessibility)
        self.score.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Candidate score", None))
#endif // QT_CONFIG(accessibility)
        self.confidenceTitle.setText(QCoreApplication.translate("CommitteePage", u"Confidence", None))
#if QT_CONFIG(accessibility)
        self.confidence.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Confidence", None))
#endif // QT_CONFIG(accessibility)
        self.agreementTitle.setText(QCoreApplication.translate("CommitteePage", u"Panel agreement", None))
#if QT_CONFIG(accessibility)
        self.agreement.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Panel agreement", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Coverage and confidence reasons", None))
#endif // QT_CONFIG(accessibility)
        self.bandTitle.setText(QCoreApplication.translate("CommitteePage", u"Compensation band", None))
#if QT_CONFIG(accessibility)
        self.pending.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Scorecards still outstanding", None))
#endif // QT_CONFIG(accessibility)
        self.ratingsTitle.setText(QCoreApplication.translate("CommitteePage", u"Ratings by interviewer", None))
#if QT_CONFIG(accessibility)
        self.stageTabs.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Ratings per stage", None))
#endif // QT_CONFIG(accessibility)
        self.observationsTitle.setText(QCoreApplication.translate("CommitteePage", u"Signals and red flags", None))
#if QT_CONFIG(accessibility)
        self.observations.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Signals and red flags with evidence", None))
#endif // QT_CONFIG(accessibility)
        self.traceTitle.setText(QCoreApplication.translate("CommitteePage", u"Why: the rules that fired", None))
#if QT_CONFIG(accessibility)
        self.trace.setAccessibleName(QCoreApplication.translate("CommitteePage", u"The recommendation's trace", None))
#endif // QT_CONFIG(accessibility)
        self.decisionBox.setTitle(QCoreApplication.translate("CommitteePage", u"Committee decision", None))
#if QT_CONFIG(accessibility)
        self.decisionBox.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Record the committee decision", None))
#endif // QT_CONFIG(accessibility)
        self.outcomeLabel.setText(QCoreApplication.translate("CommitteePage", u"Outcome", None))
        self.hireRadio.setText(QCoreApplication.translate("CommitteePage", u"&Hire", None))
#if QT_CONFIG(accessibility)
        self.hireRadio.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Hire", None))
#endif // QT_CONFIG(accessibility)
        self.noHireRadio.setText(QCoreApplication.translate("CommitteePage", u"&No hire", None))
#if QT_CONFIG(accessibility)
        self.noHireRadio.setAccessibleName(QCoreApplication.translate("CommitteePage", u"No hire", None))
#endif // QT_CONFIG(accessibility)
        self.levelLabel.setText(QCoreApplication.translate("CommitteePage", u"&Level", None))
#if QT_CONFIG(accessibility)
        self.levelChoice.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Level offered", None))
#endif // QT_CONFIG(accessibility)
        self.baseLabel.setText(QCoreApplication.translate("CommitteePage", u"&Base salary", None))
#if QT_CONFIG(accessibility)
        self.base.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Base salary offered", None))
#endif // QT_CONFIG(accessibility)
        self.equityLabel.setText(QCoreApplication.translate("CommitteePage", u"&Equity", None))
#if QT_CONFIG(accessibility)
        self.equity.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Equity offered", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.bandCheck.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Where the base sits in the band", None))
#endif // QT_CONFIG(accessibility)
        self.justificationLabel.setText(QCoreApplication.translate("CommitteePage", u"&Justification", None))
#if QT_CONFIG(accessibility)
        self.justification.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Justification, stored with the decision and printed in the packet", None))
#endif // QT_CONFIG(accessibility)
        self.decidedByLabel.setText(QCoreApplication.translate("CommitteePage", u"Decided &by", None))
#if QT_CONFIG(accessibility)
        self.decidedBy.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Who decided", None))
#endif // QT_CONFIG(accessibility)
        self.decidedBy.setPlaceholderText(QCoreApplication.translate("CommitteePage", u"Hiring committee", None))
#if QT_CONFIG(accessibility)
        self.problem.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Problem with the decision", None))
#endif // QT_CONFIG(accessibility)
        self.recordButton.setText(QCoreApplication.translate("CommitteePage", u"&Record decision", None))
#if QT_CONFIG(accessibility)
        self.recordButton.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Record the committee decision", None))
#endif // QT_CONFIG(accessibility)
        self.historyTitle.setText(QCoreApplication.translate("CommitteePage", u"Decisions recorded", None))
#if QT_CONFIG(accessibility)
        self.history.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Decisions recorded, newest first", None))
#endif // QT_CONFIG(accessibility)
        self.packetButton.setText(QCoreApplication.translate("CommitteePage", u"&Produce hiring packet\u2026", None))
#if QT_CONFIG(accessibility)
        self.packetButton.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Produce the hiring packet PDF", None))
#endif // QT_CONFIG(accessibility)
        self.anonymise.setText(QCoreApplication.translate("CommitteePage", u"&Anonymised for blind review", None))
#if QT_CONFIG(accessibility)
        self.packetStatus.setAccessibleName(QCoreApplication.translate("CommitteePage", u"Packet status", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
