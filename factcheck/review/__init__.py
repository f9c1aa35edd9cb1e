"""Reviews in git: a semantic diff, an id-keyed 3-way merge, the git drivers and history.

Data layer only: nothing here imports textual, so the git drivers start fast.
"""
