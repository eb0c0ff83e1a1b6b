"""The rubric editor: every part of the rubric file, edited in the app."""
