"""HTTP responses that carry a file, shared by the public site and the admin."""

from typing import IO

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"


def download(content: bytes | str, filename: str, content_type: str, as_attachment: bool = True) -> HttpResponse:
    """A response carrying a file, named with a UTF-8 filename* where needed."""
    return HttpResponse(content, content_type=content_type,
                        headers={"Content-Disposition": content_disposition_header(as_attachment, filename)})


def pdf_response(content: IO[bytes], filename: str) -> FileResponse:
    """A PDF download named <部门名称><年度>年部门预算.pdf (sent as a UTF-8 filename*); content is a file."""
    return FileResponse(content, as_attachment=True, filename=filename, content_type="application/pdf")


def pdf_unavailable(error: Exception) -> HttpResponse:
    """The PDF cannot be rendered here (a missing font): say so, as a temporary failure."""
    return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
