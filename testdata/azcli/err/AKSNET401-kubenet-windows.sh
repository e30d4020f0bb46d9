#!/bin/bash

# A Windows node pool added to a kubenet cluster: Windows nodes need Azure CNI.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --node-count 2 \
    --network-plugin kubenet \
    --windows-admin-username azureuser \
    --generate-ssh-keys

az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --os-type Windows \
    --name npwin \
    --node-count 1
