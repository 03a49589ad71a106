STOCK = {"bolts": 120, "nuts": 80, "washers": 45}
