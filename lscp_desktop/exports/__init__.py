"""What leaves the app: Word and PDF minutes, the PDF decision record, the email draft.

Plain Python, no Qt: the GUI (lscp_desktop/ui/exporting.py) and the CLI
(lscp_desktop/commands/exports.py) both call `lscp_desktop.exports.files`.
"""
