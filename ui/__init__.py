"""Streamlit components shared by the pages: data source, settings, common views."""
