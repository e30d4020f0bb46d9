#!/bin/bash

# Overlay is a mode of Azure CNI, and does not support availability sets.
az aks create \
    --resource-group myResourceGroup \
    --name myKubenetCluster \
    --network-plugin kubenet \
    --network-plugin-mode overlay \
    --generate-ssh-keys

az aks create \
    --resource-group myResourceGroup \
    --name myAvailabilitySetCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vm-set-type AvailabilitySet \
    --generate-ssh-keys
