#!/bin/bash

# With your own CNI, network policy is the CNI's job.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin none \
    --network-policy calico \
    --generate-ssh-keys
