"""What the project writes for people: the summary, the reports and the display vocabulary
they share with the TUI."""
