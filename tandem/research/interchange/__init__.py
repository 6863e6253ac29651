"""Moving a study between Tandem and other qualitative analysis software through the open
REFI-QDA standard: `.qdpx` projects and `.qdc` codebooks."""
