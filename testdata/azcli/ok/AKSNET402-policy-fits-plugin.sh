#!/bin/bash

az aks create \
    --resource-group myResourceGroup \
    --name myKubenetCluster \
    --network-plugin kubenet \
    --network-policy calico \
    --generate-ssh-keys

az aks create \
    --resource-group myResourceGroup \
    --name myCiliumCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --network-dataplane cilium \
    --network-policy cilium \
    --generate-ssh-keys
