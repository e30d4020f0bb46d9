#!/bin/bash

# The Cilium dataplane enforces network policy itself: calico is rejected.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --network-dataplane cilium \
    --network-policy calico \
    --generate-ssh-keys
