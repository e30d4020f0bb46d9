#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12 \
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name myAKSVnet \
    --name myVirtualNodeSubnet \
    --address-prefixes 10.225.0.0/16

# Virtual nodes do not work with Azure CNI Overlay.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --node-count 1 \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --enable-addons virtual-node \
    --aci-subnet-name myVirtualNodeSubnet \
    --generate-ssh-keys
