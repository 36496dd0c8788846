"""Stage 1, read: find the project's files and read them safely, keeping where each value stands."""
