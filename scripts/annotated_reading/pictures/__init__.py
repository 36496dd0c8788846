"""Stage 4, render (drawings): the maps, their labels, and the timeline."""
