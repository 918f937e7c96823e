from django.views.generic import DetailView

from profiles.models import Organization, Person


class PersonDetailView(DetailView):
    def get_queryset(self):
        return Person.objects.published()


class OrganizationDetailView(DetailView):
    def get_queryset(self):
        return Organization.objects.published()
