"""Security helpers that Django 5.2 lacks: the Content-Security-Policy header, and the client's address
for login throttling (django-axes) behind a proxy."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY with every response (the admin's own, looser one on its pages).

    A view that sets its own Content-Security-Policy keeps it. Under DEBUG, error responses get none:
    Django's debug pages (the traceback, the 404 with the URL list) are built of inline styles and scripts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response
        if "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            in_admin = match is not None and "admin" in match.namespaces
            response["Content-Security-Policy"] = (
                settings.CONTENT_SECURITY_POLICY_ADMIN if in_admin else settings.CONTENT_SECURITY_POLICY
            )
        return response


def client_ip(request):
    """The address login failures are counted by: settings.CLIENT_IP_META (REMOTE_ADDR unless behind a proxy)."""
    return request.META.get(settings.CLIENT_IP_META) or request.META.get("REMOTE_ADDR")
