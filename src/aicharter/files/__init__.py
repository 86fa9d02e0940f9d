"""The assessment file: its model, how it is read and written safely, and where it lives."""
