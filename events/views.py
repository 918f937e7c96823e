from django.views.generic import DetailView

from events.models import Event


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.published().select_related("place", "parent", "replaced_by")
