from django.contrib.auth.models import Group
from django.shortcuts import render


def home(request):
    # A row written on every request: the database exists (migrated at start) and the app may write it.
    Group.objects.get_or_create(name=f"visit-{Group.objects.count()}")
    return render(request, "catalog/home.html", {"groups": Group.objects.count()})
