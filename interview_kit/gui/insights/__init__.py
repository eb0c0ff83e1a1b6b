"""Insights: the pipeline funnel, days in stage and interviewer calibration, as charts."""
