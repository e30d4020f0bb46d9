#!/bin/bash

# Azure Network Policy Manager needs Azure CNI; Cilium policy needs the Cilium dataplane.
az aks create \
    --resource-group myResourceGroup \
    --name myKubenetCluster \
    --network-plugin kubenet \
    --network-policy azure \
    --generate-ssh-keys

az aks create \
    --resource-group myResourceGroup \
    --name myOverlayCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --network-policy cilium \
    --generate-ssh-keys
