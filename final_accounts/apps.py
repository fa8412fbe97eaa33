from django.apps import AppConfig


class FinalAccountsConfig(AppConfig):
    name = "final_accounts"
    verbose_name = "部门决算"
