from django.http import JsonResponse
from django.urls import path

PRODUCTS = [
    {"sku": "TEA-01", "name": "Green tea", "price": "4.50"},
    {"sku": "MUG-02", "name": "Blue mug", "price": "9.00"},
]


def catalogue(request):
    return JsonResponse({"shop": "corner shop catalogue", "products": PRODUCTS})


urlpatterns = [
    path("", catalogue),
]
