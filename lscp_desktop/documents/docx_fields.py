"""Raw WordprocessingML that python-docx has no API for: page fields, repeating rows, watermark."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'

# The standard WordArt text-path shape type Word itself writes for a watermark.
_TEXT_SHAPETYPE = """
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
  path="m@7,l@8,m@5,21600l@6,21600e">
 <v:formulas>
  <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
  <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
  <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
  <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
  <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
 </v:formulas>
 <v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
   o:connectangles="270,180,90,0"/>
 <v:textpath on="t" fitshape="t"/>
 <v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
 <o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>"""


def _run(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def append_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice compute when the page is laid out."""
    p = paragraph._p
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    p.append(_run(begin))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} \\* MERGEFORMAT "
    p.append(_run(instr))
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    p.append(_run(separate))
    shown = OxmlElement("w:t")
    shown.text = placeholder
    p.append(_run(shown))
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    p.append(_run(end))


def append_page_x_of_y(paragraph: Any) -> None:
    paragraph.add_run("Page ")
    append_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    append_field(paragraph, "NUMPAGES")


def repeat_as_header_row(row: Any) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    no_split = OxmlElement("w:cantSplit")
    no_split.set(qn("w:val"), "true")
    tr_pr.insert(0, no_split)


def shade_cell(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def watermark_paragraph(text: str, shape_number: int) -> Any:
    """A header paragraph holding a large diagonal grey word behind every page's text."""
    shape = (
        f'<v:shape id="LSCPWaterMark{shape_number}" o:spid="_x0000_s{2048 + shape_number}" '
        'type="#_x0000_t136" o:allowincell="f" fillcolor="#c8c8c8" stroked="f" '
        'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:140pt;'
        "rotation:315;z-index:-251655168;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin">'
        '<v:fill opacity=".45"/>'
        f'<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="{text}"/>'
        "</v:shape>"
    )
    return parse_xml(
        f'<w:p {nsdecls("w")} {VML}><w:pPr><w:spacing w:after="0"/></w:pPr>'
        f"<w:r><w:rPr><w:noProof/></w:rPr><w:pict>{_TEXT_SHAPETYPE}{shape}</w:pict></w:r></w:p>"
    )
