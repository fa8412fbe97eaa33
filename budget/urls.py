from django.urls import path

from budget import views

urlpatterns = [
    path("", views.index, name="index"),
    path("budgets/<int:year>/<str:department_code>/", views.budget_detail, name="budget-detail"),
    path("budgets/<int:year>/<str:department_code>/pdf/", views.budget_pdf, name="budget-pdf"),
    path("budgets/<int:year>/<str:department_code>/v<int:number>/", views.budget_detail, name="budget-version"),
    path("budgets/<int:year>/<str:department_code>/v<int:number>/pdf/", views.budget_pdf, name="budget-version-pdf"),
]
