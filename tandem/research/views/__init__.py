"""The research app's pages, one module per area: studies (set-up, participants, data),
coding (codebook, coding, memos, passes), analysis (comparison, themes, reliability, case
summaries, findings) and interchange (REFI-QDA)."""
