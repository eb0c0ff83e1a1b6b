"""The recruiter's pages: the pipeline, candidates, interviewers and assignments."""
