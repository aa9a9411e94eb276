"""What leaves the app, Qt-free: Word and PDF minutes, the PDF decision record, the email
draft, the annual report, the action plan and learning sheets; pseudonymised and name-checked.

The GUI (lscp_desktop/ui/documents/) and the CLI (lscp_desktop/commands/exports.py) both call
`lscp_desktop.documents.files` for the minutes and the decision record.
"""
