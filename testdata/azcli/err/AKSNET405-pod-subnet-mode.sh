#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name myVirtualNetwork \
    --address-prefixes 10.224.0.0/12 \
    -o none
az network vnet subnet create --resource-group myResourceGroup --vnet-name myVirtualNetwork --name nodesubnet --address-prefixes 10.224.0.0/16 -o none
az network vnet subnet create --resource-group myResourceGroup --vnet-name myVirtualNetwork --name podsubnet --address-prefixes 10.225.0.0/16 -o none

SUBSCRIPTION=00000000-0000-0000-0000-000000000000
VNET_ID=/subscriptions/$SUBSCRIPTION/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVirtualNetwork

# A pod subnet belongs to Azure CNI; kubenet rejects it.
az aks create \
    --resource-group myResourceGroup \
    --name myKubenetCluster \
    --network-plugin kubenet \
    --vnet-subnet-id $VNET_ID/subnets/nodesubnet \
    --pod-subnet-id $VNET_ID/subnets/podsubnet \
    --generate-ssh-keys

# One CNI mode per cluster: the second pool has no pod subnet.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --max-pods 250 \
    --node-count 2 \
    --network-plugin azure \
    --vnet-subnet-id $VNET_ID/subnets/nodesubnet \
    --pod-subnet-id $VNET_ID/subnets/podsubnet \
    --generate-ssh-keys

az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --name mynodepool \
    --node-count 2 \
    --vnet-subnet-id $VNET_ID/subnets/nodesubnet
