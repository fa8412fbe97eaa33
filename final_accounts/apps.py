from django.apps import AppConfig


class FinalAccountsConfig(AppConfig):
    name = "final_accounts"
    verbose_name = "部门决算"

    def ready(self):
        # The final accounts join the bureau's dashboard as the app loads: the budget's admin imports nothing of them.
        from budget.admin import workflow
        from final_accounts import dashboard

        workflow.DASHBOARD_SECTIONS.append(dashboard.section)
