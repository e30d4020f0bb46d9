#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name aks-vnet \
    --address-prefixes 10.224.0.0/12

az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name aks-vnet \
    --name aks-subnet \
    --address-prefixes 10.224.0.0/16

# userDefinedRouting, but no route table is associated with the node subnet.
SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name aks-vnet --name aks-subnet --query id -o tsv)

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --outbound-type userDefinedRouting \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys
