"""The hiring committee's panel review and decision."""
