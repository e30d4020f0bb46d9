#!/bin/bash

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --load-balancer-sku basic \
    --generate-ssh-keys
