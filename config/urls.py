from django.contrib import admin
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "部门预算公开平台 · 管理"
admin.site.site_title = "部门预算公开平台"
admin.site.index_title = "数据填报与管理"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("portal.urls")),
]
