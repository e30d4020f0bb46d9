#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12 \
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

# Two kubenet clusters in one subnet overwrite each other's node routes.
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster1 \
    --network-plugin kubenet \
    --service-cidr 10.0.0.0/16 \
    --dns-service-ip 10.0.0.10 \
    --pod-cidr 10.244.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster2 \
    --network-plugin kubenet \
    --service-cidr 10.0.0.0/16 \
    --dns-service-ip 10.0.0.10 \
    --pod-cidr 10.245.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys
