from django.http import HttpResponse


def home(request):
    return HttpResponse("mysite says hello from the production settings package", content_type="text/plain")
