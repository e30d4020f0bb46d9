#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12 \
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az network vnet create \
    --resource-group myResourceGroup \
    --name myOtherVnet \
    --address-prefixes 10.240.0.0/16 \
    --subnet-name myOtherSubnet \
    --subnet-prefixes 10.240.0.0/22

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys

# This pool's subnet is in another VNet.
az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --name mynodepool \
    --vnet-subnet-id "$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myOtherVnet --name myOtherSubnet --query id -o tsv)"
